import type Database from 'better-sqlite3';
import { S1QL_REGEXP_FUNCTION } from './s1ql-sql-function-names.ts';

const CACHE_LIMIT = 256;

/**
 * Registers the SQL functions compiled S1QL uses. Call once per connection before running
 * compiled queries; calling again is harmless.
 */
export function registerS1qlSqlFunctions(db: Database.Database): void {
  const cache = new Map<string, RegExp>();

  const regexpFor = (source: string, flags: string): RegExp => {
    const key = `${flags}/${source}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    const regexp = new RegExp(source, flags);
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(key, regexp);
    return regexp;
  };

  db.function(
    S1QL_REGEXP_FUNCTION,
    { deterministic: true },
    (value: unknown, source: unknown, flags: unknown): number => {
      if (value === null || value === undefined) return 0;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
        return 0;
      }
      return regexpFor(String(source), String(flags ?? '')).test(String(value)) ? 1 : 0;
    },
  );
}
