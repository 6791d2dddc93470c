import type BetterSqlite3 from 'better-sqlite3';

/**
 * List queries are built from the filters a request uses (and an `IN (...)` per list
 * length), so the SQL texts a client can cause are many; the cache keeps the most
 * recently used ones and forgets the rest.
 */
const MAX_CACHED = 256;

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** Prepares a statement once per connection while it stays in use. */
export function cachedStatement(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    if (cache.size >= MAX_CACHED) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  } else {
    cache.delete(sql);
  }
  cache.set(sql, statement);
  return statement;
}
