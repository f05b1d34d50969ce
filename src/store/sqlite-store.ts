/**
 * The default store: one SQLite file (WAL mode) through better-sqlite3. One process uses a file:
 * for several instances, use PostgreSQL (DATABASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { Arrival, ClaimedDelivery, Edition, Store } from '../core/ports.js';
import type { Digest, SubscriptionInput } from '../core/types.js';
import { subscriptionProblems } from '../core/subscriptions.js';
import { SQLITE_MIGRATIONS, type Migration } from './migrations/schema.js';
import { clip, filtersJson, RESUMED_AFTER_STOP, toArrival, toDelivery, toEdition, toEditionSummary, toFeedHealth, toHeartbeat, toSubscription, toSubscriptionCount, type ArrivalRow, type DeliveryRow, type EditionRow, type FeedHealthRow, type SubscriptionRow } from './rows.js';

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** File path, or ":memory:" for tests. */
  path: string;
  /** Migrations to apply (default: all of {@link SQLITE_MIGRATIONS}). */
  migrations?: readonly Migration[];
}

/** Applies the migrations not yet recorded, each in its own transaction. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}


/** The named parameters of a subscription write. */
function subscriptionParams(input: SubscriptionInput, now: number): Record<string, string | number | null> {
  return {
    id: randomUUID(),
    platform: input.platform,
    destination: input.destination,
    thread_id: input.threadId ?? '',
    briefing_id: input.briefingId,
    topics: JSON.stringify(input.topics ?? []),
    filters: filtersJson(input.filters),
    delivery_time: input.deliveryTime,
    time_zone: input.timeZone,
    now,
  };
}

/**
 * Makes a folder and the folders above it, one level at a time. Node's `mkdirSync(…, { recursive })`
 * loops for ever where the kernel answers ENOENT under a folder that exists (a path under /proc);
 * here that answer is thrown like any other.
 */
function makeFolder(path: string): void {
  if (existsSync(path)) return;
  const parent = dirname(path);
  if (parent !== path) makeFolder(parent);
  try {
    mkdirSync(path);
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
}

/** Opens (creating if needed) the SQLite store and applies pending migrations. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  let db: Database.Database;
  try {
    if (options.path !== ':memory:') makeFolder(dirname(options.path));
    db = new Database(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, options.migrations);
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === 'SQLITE_NOTADB'
        ? `is not a SQLite database (${(err as Error).message}): set SQLITE_PATH (or DATA_DIR) to another file, or move this one away`
        : code === 'SQLITE_CORRUPT'
          ? `is damaged (${(err as Error).message}): restore it from a backup, or move it away to start afresh`
          : 'check that its folder is writable';
    throw new StoreError('store_unavailable', `Cannot open the SQLite store at ${options.path}: ${why}.`, { cause: err });
  }
  const q = {
    getEdition: db.prepare('SELECT * FROM editions WHERE briefing_id = ? AND local_date = ? AND slot = ?'),
    getEditionById: db.prepare('SELECT * FROM editions WHERE id = ?'),
    insertEdition: db.prepare(
      'INSERT INTO editions (id, briefing_id, local_date, slot, briefing_json, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (briefing_id, local_date, slot) DO NOTHING',
    ),
    getClaim: db.prepare('SELECT owner, expires_at FROM edition_claims WHERE briefing_id = ? AND local_date = ? AND slot = ?'),
    putClaim: db.prepare(
      `INSERT INTO edition_claims (briefing_id, local_date, slot, owner, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (briefing_id, local_date, slot) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
    ),
    upsertSub: db.prepare(
      `INSERT INTO subscriptions (id, platform, destination, thread_id, briefing_id, topics, filters, delivery_time, time_zone, status, status_reason, created_at, updated_at)
       VALUES (@id, @platform, @destination, @thread_id, @briefing_id, @topics, COALESCE(@filters, '{}'), @delivery_time, @time_zone, 'active', NULL, @now, @now)
       ON CONFLICT (platform, destination, thread_id, briefing_id) DO UPDATE SET
         topics = excluded.topics, filters = COALESCE(@filters, subscriptions.filters), delivery_time = excluded.delivery_time, time_zone = excluded.time_zone,
         status = 'active', status_reason = NULL, updated_at = MAX(excluded.updated_at, subscriptions.updated_at + 1)`,
    ),
    // Only while the row is as it was read (see replaceSubscriptionIf); a row deleted meanwhile is not brought back.
    // The status and its reason stay unless @resume (subscribing again).
    replaceSubIf: db.prepare(
      `UPDATE subscriptions SET topics = @topics, filters = COALESCE(@filters, filters), delivery_time = @delivery_time, time_zone = @time_zone,
         status = CASE WHEN @resume = 1 THEN 'active' ELSE status END, status_reason = CASE WHEN @resume = 1 THEN NULL ELSE status_reason END,
         updated_at = MAX(@now, updated_at + 1)
       WHERE platform = @platform AND destination = @destination AND thread_id = @thread_id AND briefing_id = @briefing_id AND updated_at = @expected`,
    ),
    insertSubIfNone: db.prepare(
      `INSERT INTO subscriptions (id, platform, destination, thread_id, briefing_id, topics, filters, delivery_time, time_zone, status, status_reason, created_at, updated_at)
       VALUES (@id, @platform, @destination, @thread_id, @briefing_id, @topics, COALESCE(@filters, '{}'), @delivery_time, @time_zone, 'active', NULL, @now, @now)
       ON CONFLICT (platform, destination, thread_id, briefing_id) DO NOTHING`,
    ),
    findSub: db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND destination = ? AND thread_id = ? AND briefing_id = ?'),
    getSub: db.prepare('SELECT * FROM subscriptions WHERE id = ?'),
    setStatus: db.prepare('UPDATE subscriptions SET status = ?, status_reason = ?, updated_at = MAX(?, updated_at + 1) WHERE id = ?'),
    migrateClashes: db.prepare(
      `SELECT o.id FROM subscriptions o JOIN subscriptions n ON n.platform = o.platform AND n.destination = ? AND n.thread_id = o.thread_id AND n.briefing_id = o.briefing_id
       WHERE o.platform = ? AND o.destination = ?`,
    ),
    migrateDest: db.prepare('UPDATE subscriptions SET destination = ?, updated_at = MAX(?, updated_at + 1) WHERE platform = ? AND destination = ?'),
    subCounts: db.prepare(
      `SELECT briefing_id, platform, status, status_reason, COUNT(*) AS n FROM subscriptions
       GROUP BY briefing_id, platform, status, status_reason ORDER BY briefing_id, platform, status, status_reason`,
    ),
    slots: db.prepare(
      `SELECT briefing_id, time_zone, delivery_time, COUNT(*) AS n FROM subscriptions WHERE status = 'active'
       GROUP BY briefing_id, time_zone, delivery_time ORDER BY briefing_id, time_zone, delivery_time`,
    ),
    enqueue: db.prepare(
      // The editions of this briefing two days either side of the edition's date (by the index on
      // briefing, date and slot), each probed for the subscription by the ledger's unique key: a
      // few look-ups per subscription, however long the ledger.
      `INSERT INTO deliveries (subscription_id, edition_id, status, next_attempt_at, updated_at, due_at)
       SELECT s.id, @edition, @status, @now, @now, @due FROM subscriptions s
       WHERE s.status = 'active' AND s.briefing_id = @briefing AND s.time_zone = @zone AND s.delivery_time = @time AND s.created_at < @before
         -- A subscription with its row already (the slot planned again) is passed over at once.
         AND NOT EXISTS (SELECT 1 FROM deliveries x WHERE x.subscription_id = s.id AND x.edition_id = @edition)
         AND NOT EXISTS (
           SELECT 1 FROM editions e JOIN deliveries d ON d.subscription_id = s.id AND d.edition_id = e.id
           WHERE e.briefing_id = @briefing AND e.id <> @edition
             AND e.local_date BETWEEN date((SELECT local_date FROM editions WHERE id = @edition), '-2 days') AND date((SELECT local_date FROM editions WHERE id = @edition), '+2 days')
             AND d.status NOT IN ('skipped', 'failed')
             AND (e.local_date = (SELECT local_date FROM editions WHERE id = @edition)
               -- The gap: a briefing sent (or maybe sent) due near this slot; a row written before
               -- migration 11 has no due time, and the time it was last written stands in for it.
               OR (d.status IN ('sent', 'partial', 'unknown') AND @gap > 0 AND (CASE WHEN d.due_at > 0 THEN d.due_at ELSE d.updated_at END) > @due - @gap AND (CASE WHEN d.due_at > 0 THEN d.due_at ELSE d.updated_at END) < @due + @gap)))
       ON CONFLICT (subscription_id, edition_id) DO NOTHING`,
    ),
    claim: db.prepare(
      `UPDATE deliveries SET status = 'claimed', claimed_by = @owner, claimed_at = @now, attempts = attempts + 1, updated_at = @now
       WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit)
       RETURNING *`,
    ),
    heartbeat: db.prepare('INSERT INTO instances (owner, last_seen, share) VALUES (?, ?, ?) ON CONFLICT (owner) DO UPDATE SET last_seen = excluded.last_seen, share = excluded.share WHERE instances.last_seen <= excluded.last_seen'),
    liveOthers: db.prepare('SELECT COUNT(*) AS n, MIN(share) AS least FROM instances WHERE last_seen >= ? AND owner <> ?'),
    pruneInstances: db.prepare('DELETE FROM instances WHERE last_seen < ?'),
    leave: db.prepare('DELETE FROM instances WHERE owner = ?'),
    deleteSubDeliveries: db.prepare('DELETE FROM deliveries WHERE subscription_id = ?'),
    deleteSub: db.prepare('DELETE FROM subscriptions WHERE id = ?'),
    purgeArticles: db.prepare(`UPDATE article_cache SET article_json = '{}' WHERE created_at < ? AND article_json <> '{}'`),
    purgeDigests: db.prepare('DELETE FROM article_cache WHERE created_at < ?'),
    purgeStories: db.prepare('DELETE FROM story_cache WHERE created_at < ?'),
    getStory: db.prepare('SELECT story_json FROM story_cache WHERE story_hash = ? AND model = ? AND prompt_version = ?'),
    putStory: db.prepare('INSERT INTO story_cache (story_hash, model, prompt_version, story_json, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    purgeLedger: db.prepare(`DELETE FROM deliveries WHERE updated_at < ? AND status IN ('sent', 'partial', 'unknown', 'failed', 'skipped')`),
    purgeEditions: db.prepare('DELETE FROM editions WHERE local_date < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.edition_id = editions.id)'),
    purgeClaims: db.prepare('DELETE FROM edition_claims WHERE local_date < ?'),
    purgeUpdates: db.prepare('DELETE FROM handled_updates WHERE handled_at < ?'),
    purgeLeases: db.prepare('DELETE FROM leases WHERE expires_at < ?'),
    purgeArrivals: db.prepare('DELETE FROM arrivals WHERE arrived_at < ?'),
    putArrival: db.prepare('INSERT INTO arrivals (source_key, article_id, article_json, arrived_at) VALUES (?, ?, ?, ?) ON CONFLICT (source_key, article_id) DO NOTHING'),
    holdLease: db.prepare(
      `INSERT INTO leases (name, owner, expires_at) VALUES (@name, @owner, @expires) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= @now`,
    ),
    releaseLease: db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?'),
    claimUpdate: db.prepare('INSERT INTO handled_updates (source, update_id, handled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    probe: db.prepare('INSERT INTO write_probes (owner, written_at) VALUES (?, ?) ON CONFLICT (owner) DO UPDATE SET written_at = excluded.written_at'),
    readProbe: db.prepare('SELECT written_at FROM write_probes WHERE owner = ?'),
    markSending: db.prepare(
      `UPDATE deliveries SET status = 'sending', claimed_at = @now, updated_at = @now,
         parts_total = CASE WHEN parts_total = 0 AND @total IS NOT NULL THEN @total ELSE parts_total END, parts_key = COALESCE(parts_key, @key)
       WHERE id = @id AND status = 'claimed' AND attempts = @attempts`,
    ),
    recordParts: db.prepare(
      `UPDATE deliveries SET status = 'claimed', message_ids = @ids, parts_done = @done, parts_total = @total, parts_key = @key, claimed_at = @now, updated_at = @now
       WHERE id = @id AND status = 'sending' AND attempts = @attempts`,
    ),
    sent: db.prepare(`UPDATE deliveries SET status = 'sent', message_ids = ?, last_error = NULL, updated_at = ? WHERE id = ? AND status IN ('claimed', 'sending') AND (? IS NULL OR attempts = ?)`),
    partial: db.prepare(`UPDATE deliveries SET status = 'partial', message_ids = ?, last_error = ?, updated_at = ? WHERE id = ? AND status IN ('claimed', 'sending') AND (? IS NULL OR attempts = ?)`),
    retry: db.prepare(`UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND status IN ('claimed', 'sending') AND (? IS NULL OR attempts = ?)`),
    end: db.prepare(`UPDATE deliveries SET status = ?, last_error = ?, message_ids = COALESCE(?, message_ids), updated_at = ? WHERE id = ? AND status IN ('claimed', 'sending') AND (? IS NULL OR attempts = ?)`),
    recover: db.prepare(`UPDATE deliveries SET status = 'unknown', last_error = 'in flight when its sender stopped', updated_at = ? WHERE status = 'sending' AND claimed_at < ?`),
    resumeParts: db.prepare(
      `UPDATE deliveries SET status = 'pending', parts_done = parts_done + 1, next_attempt_at = @now, last_error = @error, updated_at = @now
       WHERE status = 'sending' AND claimed_at < @before AND parts_done + 1 < parts_total`,
    ),
    release: db.prepare(`UPDATE deliveries SET status = 'pending', updated_at = ? WHERE status = 'claimed' AND claimed_at < ?`),
    byEdition: db.prepare('SELECT * FROM deliveries WHERE edition_id = ? ORDER BY id'),
    bySub: db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id'),
    counts: db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status'),
    getDigest: db.prepare('SELECT digest_json FROM article_cache WHERE article_id = ? AND composer_version = ?'),
    putDigest: db.prepare(
      'INSERT INTO article_cache (article_id, composer_version, article_json, digest_json, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getFeed: db.prepare('SELECT * FROM feed_health WHERE url = ?'),
    putFeed: db.prepare(
      `INSERT INTO feed_health (url, consecutive_failures, last_error, last_success_at, next_try_at, paused, etag, last_modified, moved_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, last_error = excluded.last_error,
         last_success_at = excluded.last_success_at, next_try_at = excluded.next_try_at, paused = excluded.paused,
         etag = excluded.etag, last_modified = excluded.last_modified, moved_to = excluded.moved_to`,
    ),
    feeds: db.prepare('SELECT * FROM feed_health ORDER BY url'),
  };
  // Editions never change once stored: parse each once.
  const editions = new Map<string, Edition>();
  const editionById = (id: string): Edition => {
    let e = editions.get(id);
    if (!e) {
      e = toEdition(q.getEditionById.get(id) as EditionRow);
      editions.set(id, e);
    }
    return e;
  };

  const claimTx = db.transaction((owner: string, limit: number, now: number): ClaimedDelivery[] => {
    const rows = q.claim.all({ owner, limit, now }) as DeliveryRow[];
    return rows.map((r) => ({
      delivery: toDelivery(r),
      subscription: toSubscription(q.getSub.get(r.subscription_id) as SubscriptionRow),
      edition: editionById(r.edition_id),
    }));
  });
  const claimEditionTx = db.transaction((briefingId: string, date: string, slot: string, owner: string, leaseMs: number, now: number) => {
    const existing = q.getEdition.get(briefingId, date, slot) as EditionRow | undefined;
    if (existing) return { state: 'exists' as const, edition: toEdition(existing) };
    const claim = q.getClaim.get(briefingId, date, slot) as { owner: string; expires_at: number } | undefined;
    if (claim && claim.owner !== owner && claim.expires_at > now) return { state: 'busy' as const };
    q.putClaim.run(briefingId, date, slot, owner, now + leaseMs);
    return { state: 'claimed' as const };
  });

  return {
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async upsertSubscription(input, now) {
      const problems = subscriptionProblems(input);
      if (problems.length > 0) throw new StoreError('subscription_invalid', `Subscription not stored: ${problems.join('; ')}`);
      q.upsertSub.run(subscriptionParams(input, now));
      return toSubscription(q.findSub.get(input.platform, input.destination, input.threadId ?? '', input.briefingId) as SubscriptionRow);
    },
    async replaceSubscriptionIf(input, now, expected, options = {}) {
      const problems = subscriptionProblems(input);
      if (problems.length > 0) throw new StoreError('subscription_invalid', `Subscription not stored: ${problems.join('; ')}`);
      const params = subscriptionParams(input, now);
      const { id: _id, ...keyed } = params;
      const changed = expected ? q.replaceSubIf.run({ ...keyed, expected: expected.updatedAt, resume: options.resume ? 1 : 0 }).changes : q.insertSubIfNone.run(params).changes;
      return changed > 0 ? toSubscription(q.findSub.get(input.platform, input.destination, input.threadId ?? '', input.briefingId) as SubscriptionRow) : undefined;
    },
    async getSubscription(id) {
      const r = q.getSub.get(id) as SubscriptionRow | undefined;
      return r ? toSubscription(r) : undefined;
    },
    async findSubscription(ref, briefingId) {
      const r = q.findSub.get(ref.platform, ref.destination, ref.threadId ?? '', briefingId) as SubscriptionRow | undefined;
      return r ? toSubscription(r) : undefined;
    },
    async listSubscriptions(filter = {}) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.platform) (where.push('platform = ?'), args.push(filter.platform));
      if (filter.destination) (where.push('destination = ?'), args.push(filter.destination));
      if (filter.status) (where.push('status = ?'), args.push(filter.status));
      const sql = `SELECT * FROM subscriptions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`;
      return (db.prepare(sql).all(...args) as SubscriptionRow[]).map(toSubscription);
    },
    async setSubscriptionStatus(id, status, reason, now) {
      q.setStatus.run(status, reason ?? null, now, id);
    },
    async deleteSubscription(id) {
      return db.transaction(() => {
        q.deleteSubDeliveries.run(id);
        return q.deleteSub.run(id).changes > 0;
      })();
    },
    async migrateDestination(platform, from, to, now) {
      return db.transaction(() => {
        // A subscription the new id already has to the same briefing (and thread) stays; the old one goes.
        for (const { id } of q.migrateClashes.all(to, platform, from) as { id: string }[]) {
          q.deleteSubDeliveries.run(id);
          q.deleteSub.run(id);
        }
        return q.migrateDest.run(to, now, platform, from).changes;
      })();
    },
    async listSlots() {
      return (q.slots.all() as { briefing_id: string; time_zone: string; delivery_time: string; n: number }[]).map((r) => ({
        briefingId: r.briefing_id,
        timeZone: r.time_zone,
        deliveryTime: r.delivery_time,
        subscriptions: r.n,
      }));
    },
    async countSubscriptions() {
      return (q.subCounts.all() as { briefing_id: string; platform: string; status: string; status_reason: string | null; n: number }[]).map(toSubscriptionCount);
    },
    async listEditions(briefingId, filter = {}) {
      const where = ['briefing_id = ?'];
      const args: (string | number)[] = [briefingId];
      if (filter.date) (where.push('local_date = ?'), args.push(filter.date));
      if (filter.fromDate) (where.push('local_date >= ?'), args.push(filter.fromDate));
      const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.limit))}` : '';
      const sql = `SELECT id, briefing_id, local_date, slot, created_at FROM editions WHERE ${where.join(' AND ')} ORDER BY local_date DESC, slot DESC${limit}`;
      return (db.prepare(sql).all(...args) as Omit<EditionRow, 'briefing_json'>[]).map(toEditionSummary);
    },
    async getEdition(briefingId, date, slot) {
      const row = q.getEdition.get(briefingId, date, slot) as EditionRow | undefined;
      return row ? toEdition(row) : undefined;
    },
    async claimEdition(key, owner, leaseMs, now) {
      return claimEditionTx(key.briefingId, key.date, key.slot, owner, leaseMs, now);
    },
    async saveEdition(e, now) {
      q.insertEdition.run(randomUUID(), e.briefingId, e.date, e.slot, JSON.stringify(e.briefing), new Date(now).toISOString());
      return toEdition(q.getEdition.get(e.briefingId, e.date, e.slot) as EditionRow);
    },
    async enqueueDeliveries(editionId, slot, status, now, createdBefore = Number.MAX_SAFE_INTEGER, spacing) {
      return q.enqueue.run({ edition: editionId, status, now, briefing: slot.briefingId, zone: slot.timeZone, time: slot.deliveryTime, before: createdBefore, due: spacing?.dueAt ?? 0, gap: spacing?.minGapMs ?? 0 }).changes;
    },
    async claimDeliveries(owner, limit, now) {
      return claimTx(owner, limit, now);
    },
    async markSending(id, now, attempts, parts) {
      return q.markSending.run({ now, id, attempts, total: parts?.total ?? null, key: parts?.key ?? null }).changes === 1;
    },
    async recordParts(id, attempts, progress, now) {
      return q.recordParts.run({ ids: JSON.stringify(progress.messageIds), done: progress.partsDone, total: progress.partsTotal, key: progress.partsKey, now, id, attempts }).changes === 1;
    },
    async completeDelivery(id, outcome, now, attempts) {
      const fence = [attempts ?? null, attempts ?? null];
      if (outcome.status === 'sent') q.sent.run(JSON.stringify(outcome.messageIds), now, id, ...fence);
      else if (outcome.status === 'partial') q.partial.run(JSON.stringify(outcome.messageIds), clip(outcome.error), now, id, ...fence);
      else if (outcome.status === 'pending') q.retry.run(outcome.nextAttemptAt, clip(outcome.error), now, id, ...fence);
      else q.end.run(outcome.status, clip(outcome.error), outcome.messageIds ? JSON.stringify(outcome.messageIds) : null, now, id, ...fence);
    },
    async recoverInFlight(claimedBefore, now) {
      return db.transaction(() => {
        q.release.run(now, claimedBefore);
        q.resumeParts.run({ now, before: claimedBefore, error: RESUMED_AFTER_STOP });
        return q.recover.run(now, claimedBefore).changes;
      })();
    },
    async listDeliveries(filter) {
      const rows = filter.editionId ? q.byEdition.all(filter.editionId) : q.bySub.all(filter.subscriptionId ?? '');
      return (rows as DeliveryRow[]).map(toDelivery);
    },
    async countDeliveries() {
      const out: Record<string, number> = {};
      for (const r of q.counts.all() as { status: string; n: number }[]) out[r.status] = r.n;
      return out;
    },
    async countDeliveriesByEdition(editionIds) {
      const out: Record<string, Record<string, number>> = {};
      // SQLite allows 32,766 parameters per statement; the dashboard asks for a few dozen.
      for (let i = 0; i < editionIds.length; i += 500) {
        const chunk = editionIds.slice(i, i + 500);
        const rows = db
          .prepare(`SELECT edition_id, status, COUNT(*) AS n FROM deliveries WHERE edition_id IN (${chunk.map(() => '?').join(', ')}) GROUP BY edition_id, status`)
          .all(...chunk) as { edition_id: string; status: string; n: number }[];
        for (const r of rows) (out[r.edition_id] ??= {})[r.status] = r.n;
      }
      return out;
    },
    async getCachedDigest(articleId, version) {
      const r = q.getDigest.get(articleId, version) as { digest_json: string } | undefined;
      return r ? JSON.parse(r.digest_json) : undefined;
    },
    async putCachedDigest(articleId, version, article, digest, now) {
      q.putDigest.run(articleId, version, JSON.stringify(article), JSON.stringify(digest), now);
    },
    async getCachedDigests(articleIds, version) {
      const out = new Map<string, Digest>();
      // In chunks, within SQLite's limit of bound parameters.
      for (let i = 0; i < articleIds.length; i += 500) {
        const chunk = articleIds.slice(i, i + 500);
        const rows = db
          .prepare(`SELECT article_id, digest_json FROM article_cache WHERE composer_version = ? AND article_id IN (${chunk.map(() => '?').join(', ')})`)
          .all(version, ...chunk) as { article_id: string; digest_json: string }[];
        for (const r of rows) out.set(r.article_id, JSON.parse(r.digest_json) as Digest);
      }
      return out;
    },
    async putCachedDigests(entries, version, now) {
      db.transaction(() => {
        for (const { article, digest } of entries) q.putDigest.run(article.id, version, JSON.stringify(article), JSON.stringify(digest), now);
      })();
    },
    async getCachedStory(key) {
      const r = q.getStory.get(key.storyHash, key.model, key.promptVersion) as { story_json: string } | undefined;
      return r ? JSON.parse(r.story_json) : undefined;
    },
    async putCachedStory(key, story, now) {
      q.putStory.run(key.storyHash, key.model, key.promptVersion, JSON.stringify(story), now);
    },
    async heartbeat(owner, now, liveMs, share) {
      return db.transaction(() => {
        q.heartbeat.run(owner, now, share);
        q.pruneInstances.run(now - 10 * liveMs);
        const r = q.liveOthers.get(now - liveMs, owner) as { n: number; least: number | null };
        return toHeartbeat(r.n, r.least);
      })();
    },
    async leave(owner) {
      q.leave.run(owner);
    },
    async holdLease(name, owner, ttlMs, now) {
      return q.holdLease.run({ name, owner, expires: now + ttlMs, now }).changes > 0;
    },
    async releaseLease(name, owner) {
      q.releaseLease.run(name, owner);
    },
    async claimUpdate(source, updateId, now) {
      return q.claimUpdate.run(source, updateId, now).changes > 0;
    },
    async probeWrite(owner, now) {
      q.probe.run(owner, now);
      if (Number((q.readProbe.get(owner) as { written_at: number } | undefined)?.written_at) !== now) throw new StoreError('store_failed', 'SQLite write probe: the row written could not be read back');
    },
    async purge(c) {
      return db.transaction(() => {
        const digests = q.purgeDigests.run(c.digestsBefore).changes + q.purgeStories.run(c.digestsBefore).changes;
        const articles = q.purgeArticles.run(c.articlesBefore).changes;
        const deliveries = q.purgeLedger.run(c.ledgerBefore).changes;
        const editionsGone = q.purgeEditions.run(c.editionsBefore).changes;
        q.purgeClaims.run(c.editionsBefore);
        q.purgeUpdates.run(c.updatesBefore ?? c.ledgerBefore);
        q.purgeLeases.run(c.updatesBefore ?? c.ledgerBefore);
        const arrivals = q.purgeArrivals.run(c.arrivalsBefore ?? c.articlesBefore).changes;
        // The parsed editions kept in memory are read again when needed.
        editions.clear();
        return { articles, digests, deliveries, editions: editionsGone, arrivals };
      })();
    },
    async putArrivals(sourceKey, articles, arrivedAt) {
      return db.transaction(() => {
        let added = 0;
        for (const a of articles) added += q.putArrival.run(sourceKey, a.id, JSON.stringify(a), arrivedAt).changes;
        return added;
      })();
    },
    async listArrivals(sourceKeys, from, to) {
      const out: Arrival[] = [];
      for (let i = 0; i < sourceKeys.length; i += 500) {
        const chunk = sourceKeys.slice(i, i + 500);
        const rows = db
          .prepare(
            `SELECT source_key, article_json, arrived_at FROM arrivals WHERE source_key IN (${chunk.map(() => '?').join(', ')}) AND arrived_at >= ? AND arrived_at < ?
             ORDER BY arrived_at, source_key, article_id`,
          )
          .all(...chunk, from, to) as ArrivalRow[];
        out.push(...rows.map(toArrival));
      }
      return sourceKeys.length > 500 ? out.sort((a, b) => a.arrivedAt - b.arrivedAt) : out;
    },
    async getFeedHealth(url) {
      const r = q.getFeed.get(url) as FeedHealthRow | undefined;
      return r ? toFeedHealth(r) : undefined;
    },
    async putFeedHealth(h) {
      q.putFeed.run(h.url, h.consecutiveFailures, h.lastError ?? null, h.lastSuccessAt ?? null, h.nextTryAt, h.paused ? 1 : 0, h.etag ?? null, h.lastModified ?? null, h.movedTo ?? null);
    },
    async listFeedHealth() {
      return (q.feeds.all() as FeedHealthRow[]).map(toFeedHealth);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
