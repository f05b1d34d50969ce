import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import pg from 'pg';
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
});
