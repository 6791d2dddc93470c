import { type Context, Hono } from 'hono';
import { z } from 'zod';
import {
  cancelDvQuery,
  createDvQuery,
  DV_EVENT_SORTS,
  type DvQueryError,
  type DvQueryRow,
  dvQueryState,
  findDvQuery,
  pageDvResults,
} from '../../store/deep-visibility/dv-queries.ts';
import {
  type EventTypeMatch,
  matchEventType,
} from '../../store/deep-visibility/event-type-match.ts';
import { cursorBinding } from '../cursor-codec.ts';
import { pagingFields } from '../paging.ts';
import { booleanValue, idList, timestampValue } from '../query-values.ts';
import { parseQuery, readJsonBody } from '../request-input.ts';
import { notFoundError, validationError } from '../sim-api-error.ts';
import type { SimDeps, SimEnv } from '../sim-env.ts';

const MAX_QUERY_LIMIT = 100_000;
/** The console's default when init-query names no limit is not documented; this one is ours. */
const DEFAULT_QUERY_LIMIT = 20_000;

const QueryLimit = z
  .union([z.number(), z.string()], { error: 'limit must be a number' })
  .transform((value, ctx) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_QUERY_LIMIT) {
      ctx.addIssue({
        code: 'custom',
        message: `Limit must be greater than or equals to 1 and less than equals to ${
          MAX_QUERY_LIMIT
        }`,
      });
      return z.NEVER;
    }
    return n;
  });

const InitQueryBody = z
  .looseObject({
    query: z
      .string({ error: 'query is required and must be a string' })
      .trim()
      .min(1, 'query must not be empty'),
    fromDate: timestampValue('fromDate'),
    toDate: timestampValue('toDate'),
    limit: QueryLimit.default(DEFAULT_QUERY_LIMIT),
    queryType: z
      .union([z.array(z.string()), z.string()], {
        error: 'queryType must be a list of strings',
      })
      .optional(),
    isVerbose: booleanValue('isVerbose').optional(),
    tenant: booleanValue('tenant').optional(),
    accountIds: idList('accountIds').optional(),
    siteIds: idList('siteIds').optional(),
    groupIds: idList('groupIds').optional(),
  })
  .refine((body) => body.fromDate <= body.toDate, {
    message: 'fromDate must not be later than toDate',
  });

const QueryIdParam = z.string({ error: 'queryId is required' }).min(1, 'queryId is required');

const StatusQuery = z.object({ queryId: QueryIdParam });

const EventsQuery = z.object({
  queryId: QueryIdParam,
  ...pagingFields({
    sorts: Object.keys(DV_EVENT_SORTS) as [keyof typeof DV_EVENT_SORTS],
  }),
});

const CancelBody = z
  .looseObject({ queryID: z.string().min(1).optional(), queryId: z.string().min(1).optional() })
  .refine((body) => body.queryID !== undefined || body.queryId !== undefined, {
    message: 'queryID is required',
  });

function describeError(error: DvQueryError): string {
  if ('line' in error) {
    // The engine's message already starts with "line L, column C:".
    return `Invalid S1QL query: ${error.message}`;
  }
  return `Query failed: ${error.message}`;
}

/** Deep Visibility (S1QL 1.0): init-query, query-status, events, events by type, cancel. */
export function dvRoutes({ store, clock, codec, timing }: SimDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  const queryOr404 = (id: string): DvQueryRow => {
    const row = findDvQuery(store, id);
    if (row === undefined) {
      throw notFoundError('QueryId not found');
    }
    return row;
  };

  app.post('/dv/init-query', async (c) => {
    const body = await readJsonBody(c, InitQueryBody);
    const row = createDvQuery(store, {
      query: body.query,
      fromMs: body.fromDate,
      toMs: body.toDate,
      limit: body.limit,
      userId: c.get('user').id,
      runningMs: timing.dvQueryRunningMs,
      ttlMs: timing.dvQueryTtlMs,
    });
    return c.json({ data: { queryId: row.id } });
  });

  app.get('/dv/query-status', (c) => {
    const { queryId } = parseQuery(c, StatusQuery);
    const state = dvQueryState(queryOr404(queryId), clock.now());
    const data: Record<string, unknown> = {
      responseState: state.responseState,
      progressStatus: state.progressStatus,
    };
    if (state.error !== null) {
      data.responseError = describeError(state.error);
      data.responseErrorDetails = state.error;
    }
    return c.json({ data });
  });

  const events = (c: Context<SimEnv>, types?: EventTypeMatch[]) => {
    const params = parseQuery(c, EventsQuery);
    const state = dvQueryState(queryOr404(params.queryId), clock.now());
    if (state.responseState === 'RUNNING') {
      throw validationError(`Query ${params.queryId} is still running; poll /dv/query-status`);
    }
    if (state.responseState === 'QUERY_CANCEL') {
      throw validationError(`Query ${params.queryId} was cancelled`);
    }
    if (state.error !== null) {
      throw validationError(describeError(state.error));
    }

    const binding = cursorBinding(c.req.path, params);
    const position = params.cursor === undefined ? null : codec.decode(binding, params.cursor);
    const page = pageDvResults(store, {
      queryId: params.queryId,
      types,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      position,
      skip: params.skip ?? 0,
      limit: params.countOnly ? 0 : params.limit,
      countTotal: params.countOnly || !params.skipCount,
    });
    return c.json({
      data: page.items,
      pagination: {
        nextCursor: page.next === null ? null : codec.encode(binding, page.next),
        totalItems: page.total ?? 0,
      },
    });
  };

  app.get('/dv/events', (c) => events(c));

  app.get('/dv/events/:type', (c) => {
    const name = c.req.param('type');
    const match = matchEventType(name);
    if (match === undefined) {
      throw validationError(
        `Unknown event type "${name}"; use an object type such as process, file, ip, dns, ` +
          'url, registry, scheduled_task, indicators, or an event type such as Process Creation',
      );
    }
    return events(c, [match]);
  });

  app.post('/dv/cancel-query', async (c) => {
    const body = await readJsonBody(c, CancelBody);
    const id = body.queryID ?? body.queryId ?? '';
    if (!cancelDvQuery(store, id)) {
      throw notFoundError('QueryId not found');
    }
    return c.json({ data: { success: true } });
  });

  return app;
}
