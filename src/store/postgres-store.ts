/**
 * The store for several instances: PostgreSQL through `pg`. Deliveries are claimed with
 * FOR UPDATE SKIP LOCKED, editions with a lease row, so two instances never send one
 * (subscription, edition) twice nor compose one edition twice.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { StoreError } from '../core/errors.js';
import type { Edition, Store } from '../core/ports.js';
import type { Digest, SubscriptionInput } from '../core/types.js';
import { subscriptionProblems } from '../core/subscriptions.js';
import { POSTGRES_MIGRATIONS, type Migration } from './migrations/schema.js';
import { clip, filtersJson, RESUMED_AFTER_STOP, toArrival, toDelivery, toEdition, toEditionSummary, toFeedHealth, toHeartbeat, toSubscription, toSubscriptionCount, type ArrivalRow, type DeliveryRow, type EditionRow, type FeedHealthRow, type SubscriptionRow } from './rows.js';

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** postgres:// URL (DATABASE_URL). */
  url: string;
  /** Schema to use (created if missing); default: the URL's search_path, else "public". Tests give each run its own. */
  schema?: string;
  /** Pool size (default 5). */
  maxConnections?: number;
  migrations?: readonly Migration[];
  /**
   * A statement that runs longer than this is cancelled by the server (a lock another connection
   * holds, a stuck plan), and one the server does not answer within this and 5 s more (less for short
   * timeouts) fails on the client side (a connection that went silent), so that no tick, send or command waits forever on
   * the database; the failure is a StoreError, retried like any other. Default 30,000 ms.
   * Migrations run on their own connection without it.
   */
  queryTimeoutMs?: number;
}

/**
 * The URL without its password, for messages. Everything between the user's ":" and the last "@"
 * before the query is the password, even when it holds an "@", "/" or "#" left unencoded (a URL
 * parser would take part of it for the host and show the rest).
 */
export function redactUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^:/?#@]*):([^?]*)@/i.exec(url);
  if (m) return `${m[1]}${m[2]}:***@${url.slice(m[0].length)}`;
  return URL.canParse(url) ? url : 'the configured DATABASE_URL';
}

/** The positional parameters ($1–$10) of a subscription write. */
function subscriptionParams(input: SubscriptionInput, now: number): unknown[] {
  return [randomUUID(), input.platform, input.destination, input.threadId ?? '', input.briefingId, JSON.stringify(input.topics ?? []), input.deliveryTime, input.timeZone, now, filtersJson(input.filters)];
}

// The client gives the server its own timeout and a margin (5 s, less for short timeouts) before it gives up itself.
// Retention statements may take this long.
const PURGE_TIMEOUT_MS = 10 * 60_000;

function clientTimeoutMs(timeoutMs: number): number {
  return timeoutMs + Math.min(5_000, timeoutMs);
}

function wrap(err: unknown, what: string, timeoutMs: number): StoreError {
  const code = (err as { code?: string }).code;
  const message = (err as Error).message;
  // 57014: cancelled by statement_timeout; the other is pg's own query_timeout.
  const waited = code === '57014' ? timeoutMs : message === 'Query read timeout' ? clientTimeoutMs(timeoutMs) : undefined;
  const hint = waited !== undefined ? ` (the database did not answer within ${waited} ms: a lock held by a stuck session, or a network that drops packets; the call is retried like any failure)` : '';
  return new StoreError('store_failed', `PostgreSQL ${what} failed${code ? ` (${code})` : ''}: ${message}${hint}`, { cause: err });
}

/** Applies the pending migrations under an advisory lock, so two instances starting together agree. */
async function migratePostgres(client: pg.Client, migrations: readonly Migration[] = POSTGRES_MIGRATIONS, schema = 'public'): Promise<number[]> {
  const applied: number[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(72007001)');
    if (schema !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return applied;
}

/** Connects, applies pending migrations and returns the store. A database that cannot be reached is a clear StoreError. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError('store_config', `Bad PostgreSQL schema name "${schema}"`);
  const connection = {
    connectionString: options.url,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    // Without a schema option, the URL's own options (e.g. ?options=-c search_path=x) apply.
    ...(options.schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const timeoutMs = options.queryTimeoutMs ?? 30_000;
  const pool = new pg.Pool({ ...connection, max: options.maxConnections ?? 5, statement_timeout: timeoutMs, query_timeout: clientTimeoutMs(timeoutMs) });
  // An idle client that loses its connection is replaced by the pool; never crash the process.
  pool.on('error', () => undefined);
  try {
    // Migrations on a connection of their own, with no timeout: building an index on a large table may take minutes.
    const client = new pg.Client(connection);
    client.on('error', () => undefined);
    await client.connect();
    try {
      await migratePostgres(client, options.migrations, schema);
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError(
      'store_unavailable',
      `Cannot use PostgreSQL at ${redactUrl(options.url)}: ${(err as Error).message}. Check that the server runs and DATABASE_URL is right, or unset DATABASE_URL to use SQLite.`,
      { cause: err },
    );
  }

  const query = async <R extends pg.QueryResultRow>(what: string, sql: string, args: unknown[] = []): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(sql, args);
    } catch (err) {
      throw wrap(err, what, timeoutMs);
    }
  };
  const editions = new Map<string, Edition>();
  const editionsById = async (ids: string[]): Promise<void> => {
    const missing = [...new Set(ids)].filter((id) => !editions.has(id));
    if (missing.length === 0) return;
    const rows = (await query<EditionRow>('edition read', 'SELECT * FROM editions WHERE id = ANY($1)', [missing])).rows;
    for (const r of rows) editions.set(r.id, toEdition(r));
  };

  // The retention statements, on one client (see purge).
  const purgeOn = async (client: pg.PoolClient, c: Parameters<Store['purge']>[0]): Promise<Awaited<ReturnType<Store['purge']>>> => {
    const n = async (_what: string, sql: string, args: unknown[]): Promise<number> => (await client.query({ text: sql, values: args, query_timeout: clientTimeoutMs(PURGE_TIMEOUT_MS) } as pg.QueryConfig)).rowCount ?? 0; // pg reads a query's own query_timeout; its types omit it
    const digests = (await n('retention', 'DELETE FROM article_cache WHERE created_at < $1', [c.digestsBefore])) + (await n('retention', 'DELETE FROM story_cache WHERE created_at < $1', [c.digestsBefore]));
    const articles = await n('retention', `UPDATE article_cache SET article_json = '{}' WHERE created_at < $1 AND article_json <> '{}'`, [c.articlesBefore]);
    const deliveries = await n('retention', `DELETE FROM deliveries WHERE updated_at < $1 AND status IN ('sent', 'partial', 'unknown', 'failed', 'skipped')`, [c.ledgerBefore]);
    const editionsGone = await n('retention', 'DELETE FROM editions e WHERE e.local_date < $1 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.edition_id = e.id)', [c.editionsBefore]);
    await n('retention', 'DELETE FROM edition_claims WHERE local_date < $1', [c.editionsBefore]);
    await n('retention', 'DELETE FROM handled_updates WHERE handled_at < $1', [c.updatesBefore ?? c.ledgerBefore]);
    await n('retention', 'DELETE FROM leases WHERE expires_at < $1', [c.updatesBefore ?? c.ledgerBefore]);
    const arrivals = await n('retention', 'DELETE FROM arrivals WHERE arrived_at < $1', [c.arrivalsBefore ?? c.articlesBefore]);
    return { articles, digests, deliveries, editions: editionsGone, arrivals };
  };

  const store: Store = {
    async ping() {
      await query('ping', 'SELECT 1');
    },
    async upsertSubscription(input, now) {
      const problems = subscriptionProblems(input);
      if (problems.length > 0) throw new StoreError('subscription_invalid', `Subscription not stored: ${problems.join('; ')}`);
      const r = await query<SubscriptionRow>(
        'subscription write',
        `INSERT INTO subscriptions (id, platform, destination, thread_id, briefing_id, topics, filters, delivery_time, time_zone, status, status_reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($10::text, '{}'), $7, $8, 'active', NULL, $9, $9)
         ON CONFLICT (platform, destination, thread_id, briefing_id) DO UPDATE SET
           topics = excluded.topics, filters = COALESCE($10::text, subscriptions.filters), delivery_time = excluded.delivery_time, time_zone = excluded.time_zone,
           status = 'active', status_reason = NULL, updated_at = GREATEST(excluded.updated_at, subscriptions.updated_at + 1)
         RETURNING *`,
        subscriptionParams(input, now),
      );
      return toSubscription(r.rows[0]!);
    },
    async replaceSubscriptionIf(input, now, expected, options = {}) {
      const problems = subscriptionProblems(input);
      if (problems.length > 0) throw new StoreError('subscription_invalid', `Subscription not stored: ${problems.join('; ')}`);
      const insert = `INSERT INTO subscriptions (id, platform, destination, thread_id, briefing_id, topics, filters, delivery_time, time_zone, status, status_reason, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, COALESCE($10::text, '{}'), $7, $8, 'active', NULL, $9, $9)`;
      // With a row read: only while it is as read (a row deleted meanwhile is not brought back), its status kept unless
      // resumed; with none: only if there is still none.
      const r = expected
        ? await query<SubscriptionRow>(
            'subscription write',
            `UPDATE subscriptions SET topics = $5, filters = COALESCE($6::text, filters), delivery_time = $7, time_zone = $8,
               status = CASE WHEN $11::boolean THEN 'active' ELSE status END, status_reason = CASE WHEN $11::boolean THEN NULL ELSE status_reason END,
               updated_at = GREATEST($9, updated_at + 1)
             WHERE platform = $1 AND destination = $2 AND thread_id = $3 AND briefing_id = $4 AND updated_at = $10
             RETURNING *`,
            [input.platform, input.destination, input.threadId ?? '', input.briefingId, JSON.stringify(input.topics ?? []), filtersJson(input.filters), input.deliveryTime, input.timeZone, now, expected.updatedAt, options.resume === true],
          )
        : await query<SubscriptionRow>('subscription write', `${insert} ON CONFLICT (platform, destination, thread_id, briefing_id) DO NOTHING RETURNING *`, subscriptionParams(input, now));
      return r.rows[0] ? toSubscription(r.rows[0]) : undefined;
    },
    async getSubscription(id) {
      const r = await query<SubscriptionRow>('subscription read', 'SELECT * FROM subscriptions WHERE id = $1', [id]);
      return r.rows[0] ? toSubscription(r.rows[0]) : undefined;
    },
    async findSubscription(ref, briefingId) {
      const r = await query<SubscriptionRow>(
        'subscription read',
        'SELECT * FROM subscriptions WHERE platform = $1 AND destination = $2 AND thread_id = $3 AND briefing_id = $4',
        [ref.platform, ref.destination, ref.threadId ?? '', briefingId],
      );
      return r.rows[0] ? toSubscription(r.rows[0]) : undefined;
    },
    async listSubscriptions(filter = {}) {
      const where: string[] = [];
      const args: string[] = [];
      for (const [col, value] of [['platform', filter.platform], ['destination', filter.destination], ['status', filter.status]] as const) {
        if (value) {
          args.push(value);
          where.push(`${col} = $${args.length}`);
        }
      }
      const r = await query<SubscriptionRow>('subscription list', `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`, args);
      return r.rows.map(toSubscription);
    },
    async setSubscriptionStatus(id, status, reason, now) {
      await query('subscription status', 'UPDATE subscriptions SET status = $1, status_reason = $2, updated_at = GREATEST($3, updated_at + 1) WHERE id = $4', [status, reason ?? null, now, id]);
    },
    async deleteSubscription(id) {
      // One statement: the ledger rows and the subscription go together.
      const r = await query(
        'subscription delete',
        'WITH d AS (DELETE FROM deliveries WHERE subscription_id = $1) DELETE FROM subscriptions WHERE id = $1',
        [id],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async migrateDestination(platform, from, to, now) {
      // One statement: a subscription the new id already has to the same briefing (and thread)
      // stays, the old one goes with its ledger rows, the others move.
      const r = await query(
        'destination migration',
        `WITH clash AS (
           SELECT o.id FROM subscriptions o JOIN subscriptions n ON n.platform = o.platform AND n.destination = $1 AND n.thread_id = o.thread_id AND n.briefing_id = o.briefing_id
           WHERE o.platform = $3 AND o.destination = $4
         ), d AS (DELETE FROM deliveries WHERE subscription_id IN (SELECT id FROM clash)),
         s AS (DELETE FROM subscriptions WHERE id IN (SELECT id FROM clash))
         UPDATE subscriptions SET destination = $1, updated_at = GREATEST($2, updated_at + 1) WHERE platform = $3 AND destination = $4 AND id NOT IN (SELECT id FROM clash)`,
        [to, now, platform, from],
      );
      return r.rowCount ?? 0;
    },
    async listSlots() {
      const r = await query<{ briefing_id: string; time_zone: string; delivery_time: string; n: string }>(
        'slot list',
        `SELECT briefing_id, time_zone, delivery_time, COUNT(*) AS n FROM subscriptions WHERE status = 'active'
         GROUP BY briefing_id, time_zone, delivery_time ORDER BY briefing_id, time_zone, delivery_time`,
      );
      return r.rows.map((x) => ({ briefingId: x.briefing_id, timeZone: x.time_zone, deliveryTime: x.delivery_time, subscriptions: Number(x.n) }));
    },
    async countSubscriptions() {
      const r = await query<{ briefing_id: string; platform: string; status: string; status_reason: string | null; n: string }>(
        'subscription count',
        `SELECT briefing_id, platform, status, status_reason, COUNT(*) AS n FROM subscriptions
         GROUP BY briefing_id, platform, status, status_reason ORDER BY briefing_id, platform, status, status_reason`,
      );
      return r.rows.map(toSubscriptionCount);
    },
    async listEditions(briefingId, filter = {}) {
      const args: unknown[] = [briefingId];
      const where = ['briefing_id = $1'];
      if (filter.date) (args.push(filter.date), where.push(`local_date = $${args.length}`));
      if (filter.fromDate) (args.push(filter.fromDate), where.push(`local_date >= $${args.length}`));
      let limit = '';
      if (filter.limit !== undefined) (args.push(Math.max(0, Math.floor(filter.limit))), (limit = ` LIMIT $${args.length}`));
      const r = await query<Omit<EditionRow, 'briefing_json'>>(
        'edition list',
        `SELECT id, briefing_id, local_date, slot, created_at FROM editions WHERE ${where.join(' AND ')} ORDER BY local_date DESC, slot DESC${limit}`,
        args,
      );
      return r.rows.map(toEditionSummary);
    },
    async getEdition(briefingId, date, slot) {
      const r = await query<EditionRow>('edition read', 'SELECT * FROM editions WHERE briefing_id = $1 AND local_date = $2 AND slot = $3', [briefingId, date, slot]);
      return r.rows[0] ? toEdition(r.rows[0]) : undefined;
    },
    async claimEdition(key, owner, leaseMs, now) {
      const existing = await store.getEdition(key.briefingId, key.date, key.slot);
      if (existing) return { state: 'exists', edition: existing };
      // One atomic statement: a new claim, our own renewal, or taking over an expired lease.
      const r = await query(
        'edition claim',
        `INSERT INTO edition_claims (briefing_id, local_date, slot, owner, expires_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (briefing_id, local_date, slot) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE edition_claims.owner = excluded.owner OR edition_claims.expires_at <= $6
         RETURNING owner`,
        [key.briefingId, key.date, key.slot, owner, now + leaseMs, now],
      );
      if (r.rowCount === 1) {
        const raced = await store.getEdition(key.briefingId, key.date, key.slot);
        return raced ? { state: 'exists', edition: raced } : { state: 'claimed' };
      }
      return { state: 'busy' };
    },
    async saveEdition(e, now) {
      await query(
        'edition write',
        `INSERT INTO editions (id, briefing_id, local_date, slot, briefing_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (briefing_id, local_date, slot) DO NOTHING`,
        [randomUUID(), e.briefingId, e.date, e.slot, JSON.stringify(e.briefing), new Date(now).toISOString()],
      );
      return (await store.getEdition(e.briefingId, e.date, e.slot))!;
    },
    async enqueueDeliveries(editionId, slot, status, now, createdBefore = Number.MAX_SAFE_INTEGER, spacing) {
      // The editions of this briefing two days either side of the edition's date, each probed for
      // the subscription (the ledger's index by edition): a few look-ups, however long the ledger.
      const r = await query(
        'delivery enqueue',
        `WITH target AS (SELECT local_date::date AS day FROM editions WHERE id = $1),
              near AS (
                SELECT e.id, e.local_date = to_char(t.day, 'YYYY-MM-DD') AS same_day FROM editions e, target t
                WHERE e.briefing_id = $4 AND e.id <> $1
                  AND e.local_date BETWEEN to_char(t.day - 2, 'YYYY-MM-DD') AND to_char(t.day + 2, 'YYYY-MM-DD'))
         INSERT INTO deliveries (subscription_id, edition_id, status, next_attempt_at, updated_at, due_at)
         SELECT s.id, $1, $2, $3, $3, $8 FROM subscriptions s
         WHERE s.status = 'active' AND s.briefing_id = $4 AND s.time_zone = $5 AND s.delivery_time = $6 AND s.created_at < $7
           -- A subscription with its row already (the slot planned again) is passed over at once.
           AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.subscription_id = s.id AND x.edition_id = $1)
           AND NOT EXISTS (
             SELECT 1 FROM near JOIN deliveries d ON d.edition_id = near.id
             WHERE d.subscription_id = s.id AND d.status NOT IN ('skipped', 'failed')
               AND (near.same_day
                 -- The gap: a briefing sent (or maybe sent) due near this slot; a row written before
                 -- migration 11 has no due time, and the time it was last written stands in for it.
                 OR (d.status IN ('sent', 'partial', 'unknown') AND $9::bigint > 0
                     AND (CASE WHEN d.due_at > 0 THEN d.due_at ELSE d.updated_at END) > $8::bigint - $9::bigint
                     AND (CASE WHEN d.due_at > 0 THEN d.due_at ELSE d.updated_at END) < $8::bigint + $9::bigint)))
         ON CONFLICT (subscription_id, edition_id) DO NOTHING`,
        [editionId, status, now, slot.briefingId, slot.timeZone, slot.deliveryTime, createdBefore, spacing?.dueAt ?? 0, spacing?.minGapMs ?? 0],
      );
      return r.rowCount ?? 0;
    },
    async claimDeliveries(owner, limit, now) {
      const r = await query<DeliveryRow>(
        'delivery claim',
        `WITH picked AS (
           SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $2
           ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
         )
         UPDATE deliveries d SET status = 'claimed', claimed_by = $1, claimed_at = $2, attempts = d.attempts + 1, updated_at = $2
         FROM picked WHERE d.id = picked.id
         RETURNING d.*`,
        [owner, now, limit],
      );
      if (r.rows.length === 0) return [];
      const subs = await query<SubscriptionRow>('subscription read', 'SELECT * FROM subscriptions WHERE id = ANY($1)', [[...new Set(r.rows.map((x) => x.subscription_id))]]);
      const byId = new Map(subs.rows.map((s) => [s.id, toSubscription(s)]));
      await editionsById(r.rows.map((x) => x.edition_id));
      return r.rows
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => ({ delivery: toDelivery(row), subscription: byId.get(row.subscription_id)!, edition: editions.get(row.edition_id)! }));
    },
    async markSending(id, now, attempts, parts) {
      const r = await query(
        'delivery update',
        `UPDATE deliveries SET status = 'sending', claimed_at = $1, updated_at = $1,
           parts_total = CASE WHEN parts_total = 0 AND $4::int IS NOT NULL THEN $4::int ELSE parts_total END, parts_key = COALESCE(parts_key, $5::text)
         WHERE id = $2 AND status = 'claimed' AND attempts = $3`,
        [now, id, attempts, parts?.total ?? null, parts?.key ?? null],
      );
      return r.rowCount === 1;
    },
    async recordParts(id, attempts, progress, now) {
      const r = await query(
        'delivery update',
        `UPDATE deliveries SET status = 'claimed', message_ids = $1, parts_done = $2, parts_total = $7, parts_key = $3, claimed_at = $4, updated_at = $4
         WHERE id = $5 AND status = 'sending' AND attempts = $6`,
        [JSON.stringify(progress.messageIds), progress.partsDone, progress.partsKey, now, id, attempts, progress.partsTotal],
      );
      return r.rowCount === 1;
    },
    async completeDelivery(id, outcome, now, attempts) {
      // With `attempts`, only the claim that read the row may end it (a row put back and claimed again is another's).
      const fence = (n: number): string => `AND ($${n}::int IS NULL OR attempts = $${n}::int)`;
      const claim = attempts ?? null;
      if (outcome.status === 'sent') {
        await query('delivery update', `UPDATE deliveries SET status = 'sent', message_ids = $1, last_error = NULL, updated_at = $2 WHERE id = $3 AND status IN ('claimed', 'sending') ${fence(4)}`, [
          JSON.stringify(outcome.messageIds),
          now,
          id,
          claim,
        ]);
      } else if (outcome.status === 'partial') {
        await query('delivery update', `UPDATE deliveries SET status = 'partial', message_ids = $1, last_error = $2, updated_at = $3 WHERE id = $4 AND status IN ('claimed', 'sending') ${fence(5)}`, [
          JSON.stringify(outcome.messageIds),
          clip(outcome.error),
          now,
          id,
          claim,
        ]);
      } else if (outcome.status === 'pending') {
        await query('delivery update', `UPDATE deliveries SET status = 'pending', next_attempt_at = $1, last_error = $2, updated_at = $3 WHERE id = $4 AND status IN ('claimed', 'sending') ${fence(5)}`, [
          outcome.nextAttemptAt,
          clip(outcome.error),
          now,
          id,
          claim,
        ]);
      } else {
        await query('delivery update', `UPDATE deliveries SET status = $1, last_error = $2, message_ids = COALESCE($5, message_ids), updated_at = $3 WHERE id = $4 AND status IN ('claimed', 'sending') ${fence(6)}`, [
          outcome.status,
          clip(outcome.error),
          now,
          id,
          outcome.messageIds ? JSON.stringify(outcome.messageIds) : null,
          claim,
        ]);
      }
    },
    async recoverInFlight(claimedBefore, now) {
      await query('delivery recovery', `UPDATE deliveries SET status = 'pending', updated_at = $1 WHERE status = 'claimed' AND claimed_at < $2`, [now, claimedBefore]);
      await query(
        'delivery recovery',
        `UPDATE deliveries SET status = 'pending', parts_done = parts_done + 1, next_attempt_at = $1, last_error = $3, updated_at = $1
         WHERE status = 'sending' AND claimed_at < $2 AND parts_done + 1 < parts_total`,
        [now, claimedBefore, RESUMED_AFTER_STOP],
      );
      const r = await query(
        'delivery recovery',
        `UPDATE deliveries SET status = 'unknown', last_error = 'in flight when its sender stopped', updated_at = $1 WHERE status = 'sending' AND claimed_at < $2`,
        [now, claimedBefore],
      );
      return r.rowCount ?? 0;
    },
    async listDeliveries(filter) {
      const r = filter.editionId
        ? await query<DeliveryRow>('delivery list', 'SELECT * FROM deliveries WHERE edition_id = $1 ORDER BY id', [filter.editionId])
        : await query<DeliveryRow>('delivery list', 'SELECT * FROM deliveries WHERE subscription_id = $1 ORDER BY id', [filter.subscriptionId ?? '']);
      return r.rows.map(toDelivery);
    },
    async countDeliveries() {
      const r = await query<{ status: string; n: string }>('delivery count', 'SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status');
      return Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
    },
    async countDeliveriesByEdition(editionIds) {
      const out: Record<string, Record<string, number>> = {};
      if (editionIds.length === 0) return out;
      const r = await query<{ edition_id: string; status: string; n: string }>(
        'delivery count',
        'SELECT edition_id, status, COUNT(*) AS n FROM deliveries WHERE edition_id = ANY($1) GROUP BY edition_id, status',
        [[...editionIds]],
      );
      for (const x of r.rows) (out[x.edition_id] ??= {})[x.status] = Number(x.n);
      return out;
    },
    async getCachedDigest(articleId, version) {
      const r = await query<{ digest_json: string }>('cache read', 'SELECT digest_json FROM article_cache WHERE article_id = $1 AND composer_version = $2', [articleId, version]);
      return r.rows[0] ? JSON.parse(r.rows[0].digest_json) : undefined;
    },
    async putCachedDigest(articleId, version, article, digest, now) {
      await query(
        'cache write',
        'INSERT INTO article_cache (article_id, composer_version, article_json, digest_json, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [articleId, version, JSON.stringify(article), JSON.stringify(digest), now],
      );
    },
    async getCachedDigests(articleIds, version) {
      const out = new Map<string, Digest>();
      for (let i = 0; i < articleIds.length; i += 1000) {
        const chunk = articleIds.slice(i, i + 1000);
        const r = await query<{ article_id: string; digest_json: string }>(
          'cache read (batch)',
          'SELECT article_id, digest_json FROM article_cache WHERE composer_version = $1 AND article_id = ANY($2::text[])',
          [version, chunk],
        );
        for (const row of r.rows) out.set(row.article_id, JSON.parse(row.digest_json) as Digest);
      }
      return out;
    },
    async putCachedDigests(entries, version, now) {
      // One statement per chunk: the rows travel as arrays and unnest into the table.
      for (let i = 0; i < entries.length; i += 500) {
        const chunk = entries.slice(i, i + 500);
        await query(
          'cache write (batch)',
          `INSERT INTO article_cache (article_id, composer_version, article_json, digest_json, created_at)
           SELECT id, $2, a, d, $5 FROM unnest($1::text[], $3::text[], $4::text[]) AS t(id, a, d) ON CONFLICT DO NOTHING`,
          [chunk.map((e) => e.article.id), version, chunk.map((e) => JSON.stringify(e.article)), chunk.map((e) => JSON.stringify(e.digest)), now],
        );
      }
    },
    async putArrivals(sourceKey, articles, arrivedAt) {
      if (articles.length === 0) return 0;
      // One statement for a poll's items (a feed keeps at most a few hundred).
      const r = await query(
        'arrivals write',
        `INSERT INTO arrivals (source_key, article_id, article_json, arrived_at)
         SELECT $1, x.id, x.json, $4 FROM unnest($2::text[], $3::text[]) AS x(id, json)
         ON CONFLICT (source_key, article_id) DO NOTHING`,
        [sourceKey, articles.map((a) => a.id), articles.map((a) => JSON.stringify(a)), arrivedAt],
      );
      return r.rowCount ?? 0;
    },
    async listArrivals(sourceKeys, from, to) {
      if (sourceKeys.length === 0) return [];
      const r = await query<ArrivalRow>(
        'arrivals read',
        `SELECT source_key, article_json, arrived_at FROM arrivals WHERE source_key = ANY($1) AND arrived_at >= $2 AND arrived_at < $3
         ORDER BY arrived_at, source_key, article_id`,
        [[...sourceKeys], from, to],
      );
      return r.rows.map(toArrival);
    },
    async getCachedStory(key) {
      const r = await query<{ story_json: string }>('story cache read', 'SELECT story_json FROM story_cache WHERE story_hash = $1 AND model = $2 AND prompt_version = $3', [key.storyHash, key.model, key.promptVersion]);
      return r.rows[0] ? JSON.parse(r.rows[0].story_json) : undefined;
    },
    async putCachedStory(key, story, now) {
      await query(
        'story cache write',
        'INSERT INTO story_cache (story_hash, model, prompt_version, story_json, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [key.storyHash, key.model, key.promptVersion, JSON.stringify(story), now],
      );
    },
    async getFeedHealth(url) {
      const r = await query<FeedHealthRow>('feed health read', 'SELECT * FROM feed_health WHERE url = $1', [url]);
      return r.rows[0] ? toFeedHealth(r.rows[0]) : undefined;
    },
    async heartbeat(owner, now, liveMs, share) {
      // Two statements, each committed on its own: the count sees every row committed before it
      // starts, so of two instances that beat at once, the later one's count includes the other.
      // (In one statement both snapshots could miss the other's row, and both send at full rate.)
      // A write older than the row (one the engine gave up waiting for) changes nothing.
      await query(
        'instance heartbeat',
        `WITH pruned AS (DELETE FROM instances WHERE last_seen < $3 AND owner <> $1)
         INSERT INTO instances (owner, last_seen, share) VALUES ($1, $2, $4)
         ON CONFLICT (owner) DO UPDATE SET last_seen = excluded.last_seen, share = excluded.share
         WHERE instances.last_seen <= excluded.last_seen`,
        [owner, now, now - 10 * liveMs, share],
      );
      const r = await query<{ n: string; least: number | null }>(
        'instance count',
        'SELECT COUNT(*) AS n, MIN(share) AS least FROM instances WHERE last_seen >= $2 AND owner <> $1',
        [owner, now - liveMs],
      );
      return toHeartbeat(r.rows[0]?.n ?? 0, r.rows[0]?.least ?? null);
    },
    async leave(owner) {
      await query('instance leave', 'DELETE FROM instances WHERE owner = $1', [owner]);
    },
    async holdLease(name, owner, ttlMs, now) {
      // One statement: of two instances taking a free or expired lease at once, the row lock lets one win.
      const r = await query(
        'lease',
        `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE leases.owner = excluded.owner OR leases.expires_at <= $4`,
        [name, owner, now + ttlMs, now],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async releaseLease(name, owner) {
      await query('lease release', 'DELETE FROM leases WHERE name = $1 AND owner = $2', [name, owner]);
    },
    async claimUpdate(source, updateId, now) {
      const r = await query('update claim', 'INSERT INTO handled_updates (source, update_id, handled_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [source, updateId, now]);
      return (r.rowCount ?? 0) > 0;
    },
    async probeWrite(owner, now) {
      const r = await query<{ written_at: string }>(
        'write probe',
        'INSERT INTO write_probes (owner, written_at) VALUES ($1, $2) ON CONFLICT (owner) DO UPDATE SET written_at = excluded.written_at RETURNING written_at',
        [owner, now],
      );
      if (Number(r.rows[0]?.written_at) !== now) throw new StoreError('store_failed', 'PostgreSQL write probe: the row written was not returned');
    },
    async purge(c) {
      // Retention may delete a long backlog (after downtime, or a shorter retention): its statements
      // get minutes, not the query timeout, on a connection of their own.
      const client = await pool.connect().catch((err: unknown) => {
        throw wrap(err, 'retention', PURGE_TIMEOUT_MS);
      });
      let broken = false;
      try {
        await client.query(`SET statement_timeout = ${PURGE_TIMEOUT_MS}`);
        const purged = await purgeOn(client, c);
        // The parsed editions kept in memory are read again when needed.
        editions.clear();
        return purged;
      } catch (err) {
        broken = true;
        throw wrap(err, 'retention', PURGE_TIMEOUT_MS);
      } finally {
        if (!broken) await client.query('RESET statement_timeout').catch(() => (broken = true));
        client.release(broken);
      }
    },
    async putFeedHealth(h) {
      await query(
        'feed health write',
        `INSERT INTO feed_health (url, consecutive_failures, last_error, last_success_at, next_try_at, paused, etag, last_modified, moved_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (url) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
           last_success_at = excluded.last_success_at, next_try_at = excluded.next_try_at, paused = excluded.paused,
           etag = excluded.etag, last_modified = excluded.last_modified, moved_to = excluded.moved_to`,
        [h.url, h.consecutiveFailures, h.lastError ?? null, h.lastSuccessAt ?? null, h.nextTryAt, h.paused, h.etag ?? null, h.lastModified ?? null, h.movedTo ?? null],
      );
    },
    async listFeedHealth() {
      return (await query<FeedHealthRow>('feed health list', 'SELECT * FROM feed_health ORDER BY url')).rows.map(toFeedHealth);
    },
    async close() {
      await pool.end();
    },
  };
  return store;
}
