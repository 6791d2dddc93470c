import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

import * as schema from './schema.ts';

export type CasebookDb = BetterSQLite3Database<typeof schema>;

export interface OpenDatabase {
  db: CasebookDb;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens casebook's store and applies any pending migrations. Files run in WAL mode so
 * readers never wait for the single writer; `:memory:` gives each caller a fresh store.
 */
export function openDatabase({ path }: { path: string }): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');

  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });

  return { db, sqlite, close: () => sqlite.close() };
}
