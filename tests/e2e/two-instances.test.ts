/** Two app instances on one PostgreSQL: 2,000 due subscriptions, exactly 2,000 sends, one edition composed. */
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/index.js';
import { PG_URL, canReachPostgres, dropSchemas, freshSchema } from '../pg.js';
import { instanceRoot, startInstance, startRecorder } from './instances.js';

const reachable = await canReachPostgres();
afterAll(dropSchemas);
const SUBSCRIPTIONS = 2000;

describe.skipIf(!reachable)('two instances on PostgreSQL', () => {
  it('send every due subscription exactly once and compose the edition once', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({ url: PG_URL, schema });
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await store.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const recorder = await startRecorder(1);
    const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const env = { ROOT: instanceRoot({ concurrency: 8 }), RECORDER_URL: recorder.url, NOW: '2026-11-29T04:05:00Z', DATABASE_URL: url };
    const [a, b] = await Promise.all([startInstance(env).output, startInstance(env).output]);
    await recorder.close();
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = JSON.parse(a.stdout) as { composed: number; sent: number };
    const rb = JSON.parse(b.stdout) as { composed: number; sent: number };

    expect(recorder.total()).toBe(SUBSCRIPTIONS);
    expect(recorder.byDestination.size).toBe(SUBSCRIPTIONS);
    expect([...recorder.byDestination.values()].every((n) => n === 1)).toBe(true);
    expect(ra.sent + rb.sent).toBe(SUBSCRIPTIONS);
    expect(ra.composed + rb.composed).toBe(1);
    expect(await store.countDeliveries()).toEqual({ sent: SUBSCRIPTIONS });
    await store.close();
    console.info(`two instances: ${ra.sent} + ${rb.sent} sends, editions composed ${ra.composed} + ${rb.composed}`);
  }, 180_000);
});
