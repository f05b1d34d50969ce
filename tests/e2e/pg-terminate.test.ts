/**
 * A broadcast on PostgreSQL whose database connections are killed mid-way (pg_terminate_backend,
 * as a failover or an administrator would): a message that went out is never sent again, even
 * when recording it fails. Only this instance's connections are killed (its application_name).
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/index.js';
import { PG_URL, canReachPostgres, dropSchemas, freshSchema } from '../pg.js';
import { instanceRoot, startInstance, startRecorder } from './instances.js';

const reachable = await canReachPostgres();
afterAll(dropSchemas);
const SUBSCRIPTIONS = 600;

describe.skipIf(!reachable)('a broadcast whose PostgreSQL connections are terminated', () => {
  it('sends no message twice, and the ledger accounts for every subscription', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({ url: PG_URL, schema });
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await store.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const app = `term_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    let kills = 0;
    let terminated = 0;
    const recorder = await startRecorder(5);
    recorder.onReceipt = (n) => {
      // Three times during the broadcast, while sends are in flight.
      if (n % 150 === 0 && kills < 3) {
        kills++;
        void admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [app]).then((r) => (terminated += (r.rows[0] as { n: number }).n));
      }
    };
    const sep = PG_URL.includes('?') ? '&' : '?';
    const url = `${PG_URL}${sep}application_name=${app}&options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const out = await startInstance({ ROOT: instanceRoot({ concurrency: 8 }), RECORDER_URL: recorder.url, NOW: '2026-11-29T04:05:00Z', DATABASE_URL: url }).output;
    await recorder.close();
    await admin.end();
    expect(out.code, out.stderr).toBe(0);
    expect(kills).toBe(3);
    expect(terminated).toBeGreaterThan(0);

    const counts = await store.countDeliveries();
    await store.close();
    // Nobody received the briefing twice.
    const twice = [...recorder.byDestination.entries()].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    // Every subscription is accounted for: sent, or unknown when its outcome could not be recorded.
    expect((counts.sent ?? 0) + (counts.unknown ?? 0)).toBe(SUBSCRIPTIONS);
    expect(recorder.total()).toBeGreaterThanOrEqual(counts.sent ?? 0);
    expect(recorder.total()).toBeLessThanOrEqual(SUBSCRIPTIONS);
    console.info(`terminated ${terminated} backends in ${kills} rounds: ${recorder.total()} messages for ${SUBSCRIPTIONS} subscriptions, none twice; ledger ${JSON.stringify(counts)}`);
  }, 180_000);
});
