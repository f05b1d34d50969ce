/**
 * Versioned migrations, applied in order at start; each runs once, recorded in schema_migrations.
 * One schema, written once and rendered for SQLite and for PostgreSQL (their types differ only in
 * epoch-millisecond columns, the ledger's serial key and booleans). Times are epoch ms.
 */

/** One migration: its version and the SQL that takes the schema from version-1 to version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The column types that differ between the two databases. */
interface Dialect {
  epoch: string;
  serialKey: string;
  bool: string;
}

const SQLITE: Dialect = { epoch: 'INTEGER', serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT', bool: 'INTEGER' };
const POSTGRES: Dialect = { epoch: 'BIGINT', serialKey: 'BIGSERIAL PRIMARY KEY', bool: 'BOOLEAN' };

/** Every migration, oldest first. Never edit one that has shipped: add the next. */
function migrations(t: Dialect): Migration[] {
  return [
    {
      version: 1,
      name: 'editions',
      sql: `
        CREATE TABLE editions (
          id TEXT PRIMARY KEY,
          briefing_id TEXT NOT NULL,
          local_date TEXT NOT NULL,
          slot TEXT NOT NULL,
          briefing_json TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (briefing_id, local_date, slot)
        );`,
    },
    {
      version: 2,
      name: 'subscriptions, ledger, claims, article cache, feed health',
      sql: `
        CREATE TABLE subscriptions (
          id TEXT PRIMARY KEY,
          platform TEXT NOT NULL,
          destination TEXT NOT NULL,
          thread_id TEXT NOT NULL DEFAULT '',
          briefing_id TEXT NOT NULL,
          topics TEXT NOT NULL DEFAULT '[]',
          delivery_time TEXT NOT NULL,
          time_zone TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'active',
          status_reason TEXT,
          created_at ${t.epoch} NOT NULL,
          updated_at ${t.epoch} NOT NULL,
          UNIQUE (platform, destination, thread_id, briefing_id)
        );
        CREATE INDEX subscriptions_slot ON subscriptions (status, briefing_id, time_zone, delivery_time);
        CREATE TABLE edition_claims (
          briefing_id TEXT NOT NULL,
          local_date TEXT NOT NULL,
          slot TEXT NOT NULL,
          owner TEXT NOT NULL,
          expires_at ${t.epoch} NOT NULL,
          PRIMARY KEY (briefing_id, local_date, slot)
        );
        CREATE TABLE deliveries (
          id ${t.serialKey},
          subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
          edition_id TEXT NOT NULL REFERENCES editions (id),
          status TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          message_ids TEXT NOT NULL DEFAULT '[]',
          next_attempt_at ${t.epoch} NOT NULL,
          claimed_by TEXT,
          claimed_at ${t.epoch},
          updated_at ${t.epoch} NOT NULL,
          UNIQUE (subscription_id, edition_id)
        );
        CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
        CREATE TABLE article_cache (
          article_id TEXT NOT NULL,
          composer_version TEXT NOT NULL,
          article_json TEXT NOT NULL,
          digest_json TEXT NOT NULL,
          created_at ${t.epoch} NOT NULL,
          PRIMARY KEY (article_id, composer_version)
        );
        CREATE TABLE feed_health (
          url TEXT PRIMARY KEY,
          consecutive_failures INTEGER NOT NULL,
          last_error TEXT,
          last_success_at ${t.epoch},
          next_try_at ${t.epoch} NOT NULL,
          paused ${t.bool} NOT NULL
        );`,
    },
    {
      version: 3,
      name: 'feed validators and moves',
      sql: `
        ALTER TABLE feed_health ADD COLUMN etag TEXT;
        ALTER TABLE feed_health ADD COLUMN last_modified TEXT;
        ALTER TABLE feed_health ADD COLUMN moved_to TEXT;`,
    },
    {
      version: 4,
      name: 'instances (for shares of the bot-wide rate limits)',
      sql: `
        CREATE TABLE instances (
          owner TEXT PRIMARY KEY,
          last_seen ${t.epoch} NOT NULL
        );`,
    },
    {
      version: 5,
      name: 'subscription filters (+words, -words, muted outlets)',
      sql: `
        ALTER TABLE subscriptions ADD COLUMN filters TEXT NOT NULL DEFAULT '{}';`,
    },
    {
      version: 6,
      name: 'leases (one Telegram poller), handled updates (webhooks), write probes (readiness)',
      sql: `
        CREATE TABLE leases (
          name TEXT PRIMARY KEY,
          owner TEXT NOT NULL,
          expires_at ${t.epoch} NOT NULL
        );
        CREATE TABLE handled_updates (
          source TEXT NOT NULL,
          update_id TEXT NOT NULL,
          handled_at ${t.epoch} NOT NULL,
          PRIMARY KEY (source, update_id)
        );
        CREATE INDEX handled_updates_age ON handled_updates (handled_at);
        CREATE TABLE write_probes (
          owner TEXT PRIMARY KEY,
          written_at ${t.epoch} NOT NULL
        );`,
    },
    {
      version: 7,
      name: 'written-story cache (LLM mode): a model answer per story content hash, model and prompt version',
      sql: `
        CREATE TABLE story_cache (
          story_hash TEXT NOT NULL,
          model TEXT NOT NULL,
          prompt_version TEXT NOT NULL,
          story_json TEXT NOT NULL,
          created_at ${t.epoch} NOT NULL,
          PRIMARY KEY (story_hash, model, prompt_version)
        );
        CREATE INDEX story_cache_age ON story_cache (created_at);`,
    },
    {
      version: 8,
      name: 'arrivals (articles of polled feeds, kept as they arrive)',
      sql: `
        CREATE TABLE arrivals (
          source_key TEXT NOT NULL,
          article_id TEXT NOT NULL,
          article_json TEXT NOT NULL,
          arrived_at ${t.epoch} NOT NULL,
          PRIMARY KEY (source_key, article_id)
        );
        CREATE INDEX arrivals_window ON arrivals (source_key, arrived_at);
        CREATE INDEX arrivals_age ON arrivals (arrived_at);`,
    },
    {
      version: 9,
      name: 'instance shares (the count each instance keeps to, which a joining one waits for)',
      // 0: not recorded (a row written by a version before this one), which never acknowledges a join.
      sql: `
        ALTER TABLE instances ADD COLUMN share INTEGER NOT NULL DEFAULT 0;`,
    },
    {
      version: 10,
      name: 'delivery parts (how far a briefing sent as several messages has gone, so that a retry resumes there)',
      // parts_done: parts posted or tried without an answer; parts_total: how many there are (0: not
      // recorded, a briefing in one message or none done yet); parts_key: which (count and content hash).
      sql: `
        ALTER TABLE deliveries ADD COLUMN parts_done INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE deliveries ADD COLUMN parts_total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE deliveries ADD COLUMN parts_key TEXT;`,
    },
    {
      version: 11,
      name: "delivery due times (when each row's slot fell due, so that a moved slot does not send the briefing twice within hours), and the ledger by edition",
      // due_at: the instant the row's slot fell due (0: not recorded, a row written before this
      // version or by a caller that gave none). The index lets the enqueue check a day's editions
      // without reading the whole ledger.
      sql: `
        ALTER TABLE deliveries ADD COLUMN due_at ${t.epoch} NOT NULL DEFAULT 0;
        CREATE INDEX deliveries_edition ON deliveries (edition_id);`,
    },
  ];
}

/** The migrations rendered for SQLite. */
export const SQLITE_MIGRATIONS: readonly Migration[] = migrations(SQLITE);

/** The migrations rendered for PostgreSQL. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = migrations(POSTGRES);
