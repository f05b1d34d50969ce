/** Persistence adapters implementing the Store port: SQLite by default. */
export { createSqliteStore, migrateSqlite } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { SQLITE_MIGRATIONS } from './migrations/sqlite.js';
export type { Migration } from './migrations/sqlite.js';
