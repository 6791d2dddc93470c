import type Database from 'better-sqlite3';
import type { RE2JS } from 're2js';
import { compileBoundS1qlPattern } from '../validate/compile-s1ql-pattern.ts';
import { foldS1qlCase } from './fold-s1ql-case.ts';
import { S1qlCompileError } from './s1ql-compile-error.ts';
import { S1QL_FOLD_FUNCTION, S1QL_REGEXP_FUNCTION } from './s1ql-sql-function-names.ts';

const CACHE_LIMIT = 256;

/**
 * Registers the SQL functions compiled S1QL uses. Call once per connection before running
 * compiled queries, and before creating or writing a table with an index on
 * foldedColumnSql; calling again is harmless.
 */
export function registerS1qlSqlFunctions(db: Database.Database): void {
  const cache = new Map<string, RE2JS>();

  const regexpFor = (source: string, flags: string): RE2JS => {
    const key = `${flags}/${source}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    // RE2, never the JavaScript engine: this runs inside SQLite on the only thread, where a
    // backtracking pattern would stall every request until it gave up.
    const compiled = compileBoundS1qlPattern({ source, flags });
    if (!compiled.ok) {
      const detail = compiled.reason.replace(/^invalid regular expression: /, '');
      throw new S1qlCompileError(
        `Invalid regular expression for ${S1QL_REGEXP_FUNCTION}: ${detail}`,
      );
    }
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
    cache.set(key, compiled.regexp);
    return compiled.regexp;
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

  db.function(S1QL_FOLD_FUNCTION, { deterministic: true }, (value: unknown): string | null => {
    if (typeof value === 'string') return foldS1qlCase(value);
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    return null;
  });
}
