import { randomBytes } from 'node:crypto';
import { compileS1ql, type S1qlErrorData } from '../../../tools/s1ql/index.ts';
import { settleNetworkStatus } from '../agents/agent-network.ts';
import type { SimStore } from '../open-sim-store.ts';
import { DV_EVENT_SELECT, type DvEventRow, renderDvEvent } from '../render/render-dv-event.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import type { SqlParam } from '../sql/sql-where.ts';
import { type EventTypeMatch, eventTypeClause } from './event-type-match.ts';

export interface DvQueryRow {
  id: string;
  user_id: string | null;
  query: string;
  from_ms: number;
  to_ms: number;
  row_limit: number;
  created_at: number;
  ready_at: number;
  cancelled_at: number | null;
  error: string | null;
  result_count: number;
}

/** Why a query failed: the S1QL engine's error, or the message of a failure to run it. */
export type DvQueryError = S1qlErrorData | { message: string };

/**
 * Compiles the query and materialises the ids of its matches (oldest first, at most
 * `limit`) right away, so paging later is a range scan over `(query_id, seq)`. The
 * query still reports RUNNING until `runningMs` has passed on the injected clock.
 * Queries older than `ttlMs` are dropped with their results, keeping the store bounded.
 */
export function createDvQuery(
  store: SimStore,
  {
    query,
    fromMs,
    toMs,
    limit,
    userId,
    runningMs,
    ttlMs,
  }: {
    query: string;
    fromMs: number;
    toMs: number;
    limit: number;
    userId: string | null;
    runningMs: number;
    ttlMs: number;
  },
): DvQueryRow {
  const { db } = store;
  const now = store.clock.now();
  const id = `q${randomBytes(16).toString('hex')}`;

  return db.transaction(() => {
    purgeExpired(store, now - ttlMs);
    let error: DvQueryError | null = null;
    let count = 0;

    try {
      const compiled = compileS1ql(query);
      if (compiled.ok) {
        const { sql, params } = compiled;
        count = materialise({ store, id, sql, params, fromMs, toMs, limit });
      } else {
        error = compiled.error;
      }
    } catch (cause) {
      // An engine or SQL failure on a query that parsed still ends the query as FAILED.
      error = { message: cause instanceof Error ? cause.message : String(cause) };
    }

    const row: DvQueryRow = {
      id,
      user_id: userId,
      query,
      from_ms: fromMs,
      to_ms: toMs,
      row_limit: limit,
      created_at: now,
      ready_at: now + runningMs,
      cancelled_at: null,
      error: error === null ? null : JSON.stringify(error),
      result_count: count,
    };
    cachedStatement(
      db,
      `INSERT INTO dv_queries (id, user_id, query, from_ms, to_ms, row_limit, created_at,
         ready_at, cancelled_at, error, result_count)
       VALUES (@id, @user_id, @query, @from_ms, @to_ms, @row_limit, @created_at, @ready_at,
         @cancelled_at, @error, @result_count)`,
    ).run(row);
    return row;
  })();
}

function materialise({
  store,
  id,
  sql,
  params,
  fromMs,
  toMs,
  limit,
}: {
  store: SimStore;
  id: string;
  sql: string;
  params: readonly SqlParam[];
  fromMs: number;
  toMs: number;
  limit: number;
}): number {
  const result = store.db
    .prepare(
      `INSERT INTO dv_query_results (query_id, seq, event_rowid)
       SELECT ?, row_number() OVER (ORDER BY event_time, id), id FROM (
         SELECT id, event_time FROM events
         WHERE (${sql}) AND event_time BETWEEN ? AND ?
         ORDER BY event_time, id LIMIT ?
       )`,
    )
    .run(id, ...params, fromMs, toMs, limit);
  return result.changes;
}

function purgeExpired(store: SimStore, before: number): void {
  const old = 'SELECT id FROM dv_queries WHERE created_at < ?';
  cachedStatement(store.db, `DELETE FROM dv_query_results WHERE query_id IN (${old})`).run(before);
  cachedStatement(store.db, 'DELETE FROM dv_queries WHERE created_at < ?').run(before);
}

export function findDvQuery(store: SimStore, id: string): DvQueryRow | undefined {
  return cachedStatement(store.db, 'SELECT * FROM dv_queries WHERE id = ?').get(id) as
    | DvQueryRow
    | undefined;
}

export interface DvQueryState {
  responseState: 'RUNNING' | 'FINISHED' | 'FAILED' | 'QUERY_CANCEL';
  progressStatus: number;
  error: DvQueryError | null;
}

/** Where a query stands at `now`: progress climbs linearly until it is ready. */
export function dvQueryState(row: DvQueryRow, now: number): DvQueryState {
  if (row.cancelled_at !== null) {
    return { responseState: 'QUERY_CANCEL', progressStatus: 0, error: null };
  }
  if (now < row.ready_at) {
    const span = row.ready_at - row.created_at;
    const progress = Math.floor((99 * (now - row.created_at)) / span);
    return { responseState: 'RUNNING', progressStatus: Math.max(0, progress), error: null };
  }
  if (row.error !== null) {
    return { responseState: 'FAILED', progressStatus: 100, error: JSON.parse(row.error) };
  }
  return { responseState: 'FINISHED', progressStatus: 100, error: null };
}

/** Cancels a query and drops its results; answers whether the query existed. */
export function cancelDvQuery(store: SimStore, id: string): boolean {
  return store.db.transaction(() => {
    const changed = cachedStatement(
      store.db,
      'UPDATE dv_queries SET cancelled_at = coalesce(cancelled_at, ?) WHERE id = ?',
    ).run(store.clock.now(), id).changes;
    cachedStatement(store.db, 'DELETE FROM dv_query_results WHERE query_id = ?').run(id);
    return changed > 0;
  })();
}

export const DV_EVENT_SORTS = {
  createdAt: null,
  eventTime: null,
  pid: 'e.src_process_pid',
  processStartTime: 'e.src_process_start_time',
  eventType: 'e.event_type COLLATE NOCASE',
} as const;
export type DvEventSort = keyof typeof DV_EVENT_SORTS;

/**
 * Where a page starts. In the query's own time order, a page starts after the last
 * `seq` seen, an index range scan however deep the page; other orders use an offset.
 */
export type DvPosition = { afterSeq: number } | { offset: number };

export interface DvResultPage {
  items: Record<string, unknown>[];
  total: number | null;
  next: DvPosition | null;
}

export function pageDvResults(
  store: SimStore,
  {
    queryId,
    types,
    sortBy = 'createdAt',
    sortOrder = 'asc',
    position,
    skip,
    limit,
    countTotal,
  }: {
    queryId: string;
    types?: readonly EventTypeMatch[];
    sortBy?: DvEventSort;
    sortOrder?: 'asc' | 'desc';
    position: DvPosition | null;
    skip: number;
    limit: number;
    countTotal: boolean;
  },
): DvResultPage {
  settleNetworkStatus(store);
  const dir = sortOrder === 'asc' ? 'ASC' : 'DESC';
  const conditions = ['r.query_id = ?'];
  const params: SqlParam[] = [queryId];
  if (types !== undefined) {
    const clause = eventTypeClause(types);
    conditions.push(clause.sql);
    params.push(...clause.params);
  }
  const from = `dv_query_results r JOIN events e ON e.id = r.event_rowid
    LEFT JOIN agents a ON a.uuid = e.agent_uuid`;

  const total = countTotal
    ? (
        cachedStatement(
          store.db,
          `SELECT count(*) AS n FROM ${from} WHERE ${conditions.join(' AND ')}`,
        ).get(...params) as { n: number }
      ).n
    : null;
  if (limit === 0) {
    return { items: [], total, next: null };
  }

  const column = DV_EVENT_SORTS[sortBy];
  const keyset = column === null;
  // A cursor already encodes where the page starts; skip only applies to a first page.
  let offset = position === null ? skip : 0;
  if (position !== null && 'afterSeq' in position && keyset) {
    conditions.push(sortOrder === 'asc' ? 'r.seq > ?' : 'r.seq < ?');
    params.push(position.afterSeq);
  } else if (position !== null && 'offset' in position) {
    offset = position.offset;
  }
  const orderBy = keyset ? `r.seq ${dir}` : `${column} ${dir}, r.seq ${dir}`;

  const rows = cachedStatement(
    store.db,
    `SELECT r.seq AS r_seq, ${DV_EVENT_SELECT} FROM ${from}
     WHERE ${conditions.join(' AND ')} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
  ).all(...params, limit + 1, offset) as (DvEventRow & { r_seq: number })[];

  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  let next: DvPosition | null = null;
  if (hasMore && last !== undefined) {
    next = keyset ? { afterSeq: last.r_seq } : { offset: offset + limit };
  }
  return { items: pageRows.map(renderDvEvent), total, next };
}
