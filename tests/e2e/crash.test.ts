/**
 * Crash test: an instance broadcasting one edition to 2,000 subscriptions is killed with SIGKILL
 * mid-way and started again. Every subscription ends with exactly one delivery, except the sends
 * in flight at the kill, which the ledger marks unknown instead of sending again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/index.js';
import { instanceRoot, startInstance, startRecorder } from './instances.js';

const SUBSCRIPTIONS = 2000;
const CONCURRENCY = 8;
const NOW = '2026-11-29T04:05:00Z'; // 07:05 in Riyadh: the morning slot is due

describe('delivery after a crash (SQLite)', () => {
  it('never sends twice, and marks at most the in-flight sends unknown', async () => {
    const root = instanceRoot({ concurrency: CONCURRENCY });
    const dbPath = join(root, 'data', 'briefing.db');
    const store = createSqliteStore({ path: dbPath });
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await store.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    await store.close();

    const recorder = await startRecorder(3);
    const env = { ROOT: root, RECORDER_URL: recorder.url, NOW, SQLITE_PATH: dbPath };
    const first = startInstance(env);
    let killedAt = 0;
    recorder.onReceipt = (n) => {
      if (n === 700 && killedAt === 0) {
        killedAt = n;
        first.kill('SIGKILL');
      }
    };
    const firstOut = await first.output;
    expect(firstOut.code).toBeNull(); // killed
    recorder.onReceipt = undefined;
    const receivedBeforeRestart = recorder.total();

    const second = await startInstance(env).output;
    expect(second.code, second.stderr).toBe(0);
    await recorder.close();

    const check = createSqliteStore({ path: dbPath });
    const counts = await check.countDeliveries();
    const subs = await check.listSubscriptions();
    const rows = (await Promise.all(subs.map((s) => check.listDeliveries({ subscriptionId: s.id })))).flat();
    await check.close();

    expect(rows).toHaveLength(SUBSCRIPTIONS); // one ledger row per subscription
    expect((counts.sent ?? 0) + (counts.unknown ?? 0)).toBe(SUBSCRIPTIONS);
    expect(counts.unknown ?? 0).toBeLessThanOrEqual(CONCURRENCY);
    expect(receivedBeforeRestart).toBeGreaterThanOrEqual(700);
    // Nobody got the briefing twice; every "sent" row was received exactly once.
    expect([...recorder.byDestination.values()].every((n) => n === 1)).toBe(true);
    const byId = new Map(subs.map((s) => [s.id, s.destination]));
    for (const r of rows) {
      if (r.status === 'sent') expect(recorder.byDestination.get(byId.get(r.subscriptionId)!)).toBe(1);
    }
    expect(recorder.total()).toBeGreaterThanOrEqual(SUBSCRIPTIONS - (counts.unknown ?? 0));
    console.info(`crash test: killed after ${receivedBeforeRestart} receipts; ledger sent ${counts.sent}, unknown ${counts.unknown ?? 0}; ${recorder.total()} messages received, none twice`);
  }, 300_000);
});
