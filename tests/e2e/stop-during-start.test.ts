/**
 * SIGTERM while the start-up catch-up is sending (the app's stop() during start()): the sends in
 * flight finish and are recorded, rows claimed but not started go back to the queue, and nothing
 * is left claimed, in flight or unknown.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Publisher } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { instanceRoot } from './instances.js';

describe('stop() during the start-up catch-up', () => {
  it('waits for the sends in flight, records them, and leaves no row claimed, in flight or unknown', async () => {
    const root = instanceRoot({ concurrency: 4 });
    const dbPath = join(root, 'data', 'b.db');
    const setup = createSqliteStore({ path: dbPath });
    for (let i = 0; i < 30; i++) await setup.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    await setup.close();

    let begun = 0;
    const finished: string[] = [];
    let firstSendsBegun!: () => void;
    const sendsBegun = new Promise<void>((r) => (firstSendsBegun = r));
    const slow: Publisher = {
      platform: 'telegram',
      async send(ref) {
        if (++begun === 4) firstSendsBegun();
        await new Promise((r) => setTimeout(r, 150));
        finished.push(ref.destination);
        return { messageIds: [`m-${ref.destination}`] };
      },
      classify: (e) => ({ kind: 'transient', reason: String(e) }),
      rateRules: () => [],
    };
    const config = loadConfig({ root, env: { SQLITE_PATH: dbPath } });
    const app = await createApp(config, { root, log: SILENT_LOGGER, now: () => new Date('2026-11-29T04:05:00Z'), publishers: { telegram: slow } });
    const started = app.start();
    await sendsBegun; // the catch-up is sending: SIGTERM now
    await app.stop();
    await expect(started).resolves.toBeUndefined();

    const check = createSqliteStore({ path: dbPath });
    const counts = await check.countDeliveries();
    const subs = await check.listSubscriptions();
    const rows = (await Promise.all(subs.map(async (s) => ({ s, d: (await check.listDeliveries({ subscriptionId: s.id }))[0] })))).filter((r) => r.d);
    await check.close();
    expect(counts.claimed ?? 0).toBe(0);
    expect(counts.sending ?? 0).toBe(0);
    expect(counts.unknown ?? 0).toBe(0);
    // Every message that went out is recorded sent; the rest wait for the next start.
    expect(counts.sent).toBe(finished.length);
    expect(finished.length).toBeGreaterThanOrEqual(4);
    expect(finished.length).toBeLessThan(30);
    for (const { s, d } of rows) expect(d!.status).toBe(finished.includes(s.destination) ? 'sent' : 'pending');
  });
});
