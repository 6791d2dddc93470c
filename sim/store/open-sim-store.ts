import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { registerS1qlSqlFunctions } from '../../tools/s1ql/index.ts';
import { createIdGenerator, type IdGenerator } from './identity/snowflake-ids.ts';
import { ensureSimSchema } from './sim-schema.ts';

/** The simulator's own database: scenarios, console state and Deep Visibility results. */
export interface SimStore {
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly path: string;
  close(): void;
}

function largestStoredId(db: Database.Database): bigint {
  const rows = db
    .prepare(
      `SELECT max(CAST(id AS INTEGER)) AS top FROM activities
       UNION ALL SELECT max(CAST(id AS INTEGER)) FROM threat_notes`,
    )
    .safeIntegers(true)
    .all() as { top: number | bigint | null }[];
  return rows.reduce((top, row) => {
    const value = row.top === null ? 0n : BigInt(row.top);
    return value > top ? value : top;
  }, 0n);
}

/**
 * Opens (or creates) a store. A file store runs in WAL mode so a reader, such as the
 * eval harness reading ground truth, never blocks the server; `:memory:` is for tests.
 */
export function openSimStore({
  path = ':memory:',
  clock = systemClock,
}: {
  path?: string;
  clock?: Clock;
} = {}): SimStore {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');

  // First: the event indexes call s1ql_fold, so creating or writing them needs it.
  registerS1qlSqlFunctions(db);
  ensureSimSchema(db);

  const ids = createIdGenerator({ clock, floor: largestStoredId(db) });
  return {
    db,
    clock,
    ids,
    path,
    close: () => db.close(),
  };
}
