import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import pg from 'pg';
import { createServer, connect, type Socket } from 'node:net';
import { createPostgresStore, POSTGRES_MIGRATIONS, redactUrl } from '../../src/store/index.js';
import { PG_URL, canReachPostgres, freshSchema, dropSchemas } from '../pg.js';
import { afterAll } from 'vitest';
import { storeContract } from './contract.js';

const reachable = await canReachPostgres();
afterAll(dropSchemas);

storeContract('PostgreSQL', async () => createPostgresStore({ url: PG_URL, schema: freshSchema() }), { skip: !reachable });

describe.skipIf(!reachable)('createPostgresStore', () => {
  it('fails at start with a clear StoreError, without the password, when the server cannot be reached', async () => {
    const err = await createPostgresStore({ url: 'postgres://u:secret-pw@127.0.0.1:1/none' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/Cannot use PostgreSQL at .*unset DATABASE_URL to use SQLite/);
    expect((err as Error).message).not.toContain('secret-pw');
  });

  it('applies migration 9 (instance shares) to a schema at 8: a row of an older version records no share, and acknowledges no join', async () => {
    const schema = freshSchema();
    const old = await createPostgresStore({ url: PG_URL, schema, migrations: POSTGRES_MIGRATIONS.filter((m) => m.version <= 8) });
    await old.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(`INSERT INTO ${schema}.instances (owner, last_seen) VALUES ('old', 1000)`);
    } finally {
      await c.end();
    }
    const store = await createPostgresStore({ url: PG_URL, schema });
    expect(await store.heartbeat('new', 2_000, 6_000, 2)).toEqual({ instances: 2, acknowledged: false });
    await store.close();
  });

  it('forgets leases that expired before the purge\'s cutoff, and keeps the others', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({ url: PG_URL, schema });
    await store.holdLease('slack-post:C1|e1', 'a', 1_000, 0);
    await store.holdLease('slack-post:C2|e1', 'a', 60_000, 0);
    await store.purge({ articlesBefore: 0, digestsBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01', updatesBefore: 5_000 });
    await store.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      expect((await c.query(`SELECT name FROM ${schema}.leases ORDER BY name`)).rows).toEqual([{ name: 'slack-post:C2|e1' }]);
    } finally {
      await c.end();
    }
  });

  it('applies migration 10 (delivery parts) to a schema at 9: a pending row of an older version has no part done, and resumes from the first', async () => {
    const schema = freshSchema();
    const old = await createPostgresStore({ url: PG_URL, schema, migrations: POSTGRES_MIGRATIONS.filter((m) => m.version <= 9) });
    await old.upsertSubscription({ platform: 'slack', destination: 'C1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const e = await old.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', groups: [], warnings: [] } }, 1);
    await old.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(`INSERT INTO ${schema}.deliveries (subscription_id, edition_id, status, next_attempt_at, updated_at) SELECT id, $1, 'pending', 0, 1 FROM ${schema}.subscriptions`, [e.id]);
    } finally {
      await c.end();
    }
    const store = await createPostgresStore({ url: PG_URL, schema });
    const [claimed] = await store.claimDeliveries('a', 1, 10);
    expect(claimed!.delivery).toMatchObject({ partsDone: 0, messageIds: [] });
    expect(await store.markSending(claimed!.delivery.id, 11, claimed!.delivery.attempts)).toBe(true);
    expect(await store.recordParts(claimed!.delivery.id, claimed!.delivery.attempts, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 2, partsKey: '2:k' }, 12)).toBe(true);
    await store.close();
  });

  it('a statement waiting on a lock another connection holds fails after the query timeout with a StoreError, and the store keeps working once the lock is gone', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({ url: PG_URL, schema, queryTimeoutMs: 300 });
    expect(await store.holdLease('poll:feed', 'a', 60_000, 1_000)).toBe(true);
    const holder = new pg.Client({ connectionString: PG_URL });
    await holder.connect();
    try {
      // Another session locks the lease row and stays in its transaction (a stuck instance).
      await holder.query('BEGIN');
      await holder.query(`SELECT * FROM ${schema}.leases WHERE name = 'poll:feed' FOR UPDATE`);
      const started = Date.now();
      const err = await store.holdLease('poll:feed', 'a', 60_000, 2_000).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/lease failed \(57014\).*did not answer within 300 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
      await holder.query('ROLLBACK');
      expect(await store.holdLease('poll:feed', 'a', 60_000, 3_000)).toBe(true);
    } finally {
      await holder.end();
      await store.close();
    }
  });

  it('retention waits out a lock longer than the query timeout (its statements get minutes), and deletes what is due', async () => {
    const schema = freshSchema();
    const store = await createPostgresStore({ url: PG_URL, schema, queryTimeoutMs: 200 });
    const holder = new pg.Client({ connectionString: PG_URL });
    await holder.connect();
    try {
      await store.claimUpdate('telegram', '1', 1_000);
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${schema}.handled_updates IN ACCESS EXCLUSIVE MODE`);
      const purging = store.purge({ digestsBefore: 0, articlesBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01', updatesBefore: 5_000 });
      // Held for five times the query timeout, then let go: the purge goes on and finishes.
      await new Promise((r) => setTimeout(r, 1_000));
      await holder.query('COMMIT');
      await expect(purging).resolves.toMatchObject({ deliveries: 0 });
      // The handled update was deleted: it can be claimed again.
      expect(await store.claimUpdate('telegram', '1', 6_000)).toBe(true);
      // And the pool's other calls keep their own short timeout.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${schema}.handled_updates IN ACCESS EXCLUSIVE MODE`);
      await expect(store.claimUpdate('telegram', '2', 7_000)).rejects.toThrow(/within 200 ms/);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
      await store.close();
    }
  });

  it('a connection that goes silent fails the call on the client side after the timeout, and the next call uses a new connection', async () => {
    // A TCP relay to the server that can stop passing bytes (a network that drops them).
    const target = new URL(PG_URL);
    let silent = false;
    const sockets: Socket[] = [];
    const relay = createServer((client) => {
      const server = connect(Number(target.port || 5432), target.hostname);
      sockets.push(client, server);
      client.on('data', (b) => {
        if (!silent) server.write(b);
      });
      server.on('data', (b) => {
        if (!silent) client.write(b);
      });
      const close = (): void => {
        client.destroy();
        server.destroy();
      };
      client.on('error', close).on('close', close);
      server.on('error', close).on('close', close);
    });
    await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
    const port = (relay.address() as { port: number }).port;
    const url = new URL(PG_URL);
    url.host = `127.0.0.1:${port}`;
    const store = await createPostgresStore({ url: url.toString(), schema: freshSchema(), queryTimeoutMs: 200 });
    try {
      await store.ping();
      silent = true;
      const started = Date.now();
      const err = await store.ping().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/ping failed.*did not answer within 400 ms/);
      expect(Date.now() - started).toBeLessThan(10_000);
      silent = false;
      await store.ping();
    } finally {
      await store.close().catch(() => undefined);
      for (const s of sockets) s.destroy();
      await new Promise((done) => relay.close(done));
    }
  });

  it('two stores starting together both migrate without error', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([createPostgresStore({ url: PG_URL, schema }), createPostgresStore({ url: PG_URL, schema })]);
    await a.close();
    await b.close();
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
  it('hides all of a password that holds an unencoded @, / or #, not the part a URL parser leaves in the host', () => {
    expect(redactUrl('postgres://bob:Tr0ub@dor/x@127.0.0.1:5432/briefing')).toBe('postgres://bob:***@127.0.0.1:5432/briefing');
    expect(redactUrl('postgres://bob:Tr0ub#dor@127.0.0.1/briefing')).toBe('postgres://bob:***@127.0.0.1/briefing');
    expect(redactUrl('postgres://bob:pw@h/db?sslmode=require&application_name=a@b')).toBe('postgres://bob:***@h/db?sslmode=require&application_name=a@b');
    expect(redactUrl('postgres://h/db')).toBe('postgres://h/db');
  });
});
