/** Persistence adapters implementing the Store port: SQLite by default, PostgreSQL for several instances. */
export { createSqliteStore, migrateSqlite } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
export { createPostgresStore, redactUrl } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
export { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations/schema.js';
export type { Migration } from './migrations/schema.js';
export { openStore } from './open-store.js';
export type { StoreSettings } from './open-store.js';
