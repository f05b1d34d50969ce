/** /livez and /readyz: fail for this process's own troubles only, and report the platforms without failing on them. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelHealth, Store } from '../../src/core/ports.js';
import { createHealth } from '../../src/server/index.js';
import { createSqliteStore } from '../../src/store/index.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(store: Store, opts: { lastTickAt?: number; now?: number; channels?: ChannelHealth[] } = {}) {
  const now = opts.now ?? 1_000_000_000;
  const health = createHealth({
    store, owner: 'a', clock: { now: () => new Date(now) },
    channels: () => opts.channels ?? [{ platform: 'telegram', state: 'standby', mode: 'polling' }],
    leases: () => ({ 'telegram-updates': false }),
    lastTickAt: () => opts.lastTickAt,
  });
  server = createServer((req, res) => void (req.url === '/livez' ? health.livez(req, res) : health.readyz(req, res)));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { get, stop: health.stop };
}

describe('createHealth', () => {
  it('is live and ready with a writable store, an instance that is not the poller included, and says so', async () => {
    const h = await serve(createSqliteStore({ path: ':memory:' }), { lastTickAt: 1_000_000_000 - 30_000 });
    const live = await h.get('/livez');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ status: 'ok', leases: { 'telegram-updates': false }, channels: [{ platform: 'telegram', state: 'standby' }] });
    expect((await h.get('/readyz'))).toMatchObject({ status: 200, body: { store: 'writable' } });
    h.stop();
  });

  it('is not ready when the store cannot be written, though it answers pings', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const full: Store = { ...store, async probeWrite() { throw new Error('SQLITE_FULL: database or disk is full'); } };
    await expect(full.ping()).resolves.toBeUndefined();
    const h = await serve(full);
    const ready = await h.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.problems).toEqual(['SQLITE_FULL: database or disk is full']);
    // A store that fails is not a stuck process: still live.
    expect((await h.get('/livez')).status).toBe(200);
    h.stop();
  });

  it('is not live when the schedule stopped ticking', async () => {
    const h = await serve(createSqliteStore({ path: ':memory:' }), { lastTickAt: 1_000_000_000 - 10 * 60_000 });
    const live = await h.get('/livez');
    expect(live.status).toBe(503);
    expect(String(live.body.problems)).toContain('the schedule last ticked 600 s ago');
    h.stop();
  });

  it('stays live and ready while a platform is down', async () => {
    const h = await serve(createSqliteStore({ path: ':memory:' }), { channels: [{ platform: 'slack', state: 'stopped', mode: 'socket' }] });
    expect((await h.get('/livez')).status).toBe(200);
    expect((await h.get('/readyz')).status).toBe(200);
    h.stop();
  });
});
