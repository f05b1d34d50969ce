/** The default store: one SQLite file (WAL mode) through better-sqlite3. */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../core/errors.js';
import type { Edition, Store } from '../core/ports.js';
import type { Briefing } from '../core/types.js';
import { SQLITE_MIGRATIONS, type Migration } from './migrations/sqlite.js';

/** Options for {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** File path, or ":memory:" for tests. */
  path: string;
  /** Migrations to apply (default: all of {@link SQLITE_MIGRATIONS}). */
  migrations?: readonly Migration[];
}

interface EditionRow {
  id: string;
  briefing_id: string;
  local_date: string;
  slot: string;
  briefing_json: string;
  created_at: string;
}

function toEdition(row: EditionRow): Edition {
  return {
    id: row.id,
    briefingId: row.briefing_id,
    date: row.local_date,
    slot: row.slot,
    briefing: JSON.parse(row.briefing_json) as Briefing,
    createdAt: row.created_at,
  };
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

/** Opens (creating if needed) the SQLite store and applies pending migrations. */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  let db: Database.Database;
  try {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    db = new Database(options.path);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrateSqlite(db, options.migrations);
  } catch (err) {
    throw new StoreError('store_unavailable', `Cannot open the SQLite store at ${options.path}: check that its folder is writable.`, { cause: err });
  }
  const getStmt = db.prepare('SELECT * FROM editions WHERE briefing_id = ? AND local_date = ? AND slot = ?');
  const insertStmt = db.prepare(
    'INSERT INTO editions (id, briefing_id, local_date, slot, briefing_json, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (briefing_id, local_date, slot) DO NOTHING',
  );
  return {
    async getEdition(briefingId, date, slot) {
      const row = getStmt.get(briefingId, date, slot) as EditionRow | undefined;
      return row ? toEdition(row) : undefined;
    },
    async saveEdition(e) {
      insertStmt.run(randomUUID(), e.briefingId, e.date, e.slot, JSON.stringify(e.briefing), new Date().toISOString());
      return toEdition(getStmt.get(e.briefingId, e.date, e.slot) as EditionRow);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
