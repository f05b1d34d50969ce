/** Opening the store a configuration names. */
import { isAbsolute, join } from 'node:path';
import type { Store } from '../core/ports.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';

/** Which store: the SQLite file (default; a path relative to the project root) or PostgreSQL. */
export type StoreSettings = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Opens the store: PostgreSQL when DATABASE_URL set it, else the SQLite file. */
export async function openStore(settings: StoreSettings, root: string): Promise<Store> {
  if (settings.kind === 'postgres') return createPostgresStore({ url: settings.url });
  return createSqliteStore({ path: isAbsolute(settings.path) ? settings.path : join(root, settings.path) });
}
