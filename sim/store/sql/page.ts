import type BetterSqlite3 from 'better-sqlite3';
import { cachedStatement } from './cached-statement.ts';
import type { SqlParam } from './sql-where.ts';

/** Which slice of a list to read. `limit` 0 reads only the total (countOnly). */
export interface PageRequest {
  offset: number;
  limit: number;
  countTotal: boolean;
}

export interface Page<Item> {
  items: Item[];
  /** Null when the caller asked to skip counting. */
  total: number | null;
  /** Whether rows exist past this page, so the caller knows to hand out a cursor. */
  hasMore: boolean;
}

/**
 * Reads one page plus one row, which tells whether another page exists without a
 * second count query when the total was not asked for, and renders the page's rows.
 */
export function readPage<Row, Item>({
  db,
  select,
  from,
  params,
  orderBy,
  sortOrder,
  page,
  render,
}: {
  db: BetterSqlite3.Database;
  select: string;
  from: string;
  params: readonly SqlParam[];
  /** An entry of the endpoint's sort table: ORDER BY terms with `{dir}` for the direction. */
  orderBy: string;
  sortOrder: 'asc' | 'desc';
  page: PageRequest;
  /** Turns a stored row into the item the API returns. */
  render: (row: Row) => Item;
}): Page<Item> {
  const total = page.countTotal
    ? (cachedStatement(db, `SELECT count(*) AS n FROM ${from}`).get(...params) as { n: number }).n
    : null;
  if (page.limit === 0) {
    return { items: [], total, hasMore: false };
  }

  const order = orderBy.replaceAll('{dir}', sortOrder.toUpperCase());
  const rows = cachedStatement(
    db,
    `SELECT ${select} FROM ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(...params, page.limit + 1, page.offset) as Row[];
  const hasMore = rows.length > page.limit;
  const kept = hasMore ? rows.slice(0, page.limit) : rows;
  return { items: kept.map((row) => render(row)), total, hasMore };
}
