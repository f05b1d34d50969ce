/** PostgreSQL for tests: TEST_DATABASE_URL (default: this machine's trust-auth server), one fresh schema per store. */
import pg from 'pg';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const made: string[] = [];

/** Whether the test server answers (suites skip themselves when not, so npm test passes anywhere). */
export async function canReachPostgres(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A schema name no other test uses. */
export function freshSchema(): string {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  made.push(name);
  return name;
}

/** Drops the schemas this process made. */
export async function dropSchemas(): Promise<void> {
  if (made.length === 0) return;
  const c = new pg.Client({ connectionString: PG_URL });
  try {
    await c.connect();
    for (const s of made.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await c.end().catch(() => undefined);
  }
}
