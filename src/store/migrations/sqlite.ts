/** Versioned SQLite migrations, applied in order at start; each runs once, recorded in schema_migrations. */

/** One migration: its version and the SQL that takes the schema from version-1 to version. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every SQLite migration, oldest first. Never edit a released one: add the next. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
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
];
