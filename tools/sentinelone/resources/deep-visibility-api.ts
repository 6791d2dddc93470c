import { z } from 'zod';
import { DvEvent } from '../schemas/dv-event.ts';
import { DvQueryStatus } from '../schemas/dv-query-status.ts';
import { dataEnvelope, type ListPage, listEnvelope, toListPage } from '../schemas/envelope.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import type { IntervalGate } from '../transport/interval-gate.ts';
import type { Transport } from '../transport/transport.ts';
import { Limit, nonEmptyList, paging, Signal, TimeValue } from './params.ts';

export const DvQueryId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a query id such as q7f2…');

/** `init-query` takes up to 100,000 results; `/dv/events` pages at most 1,000. */
export const DvQueryLimit = z.number().int().min(1).max(100_000);

export const DvInitQueryParams = z
  .strictObject({
    query: z.string().trim().min(1, 'must not be empty'),
    fromDate: TimeValue,
    toDate: TimeValue,
    limit: DvQueryLimit.optional(),
    queryType: nonEmptyList(z.string().min(1)).default(['events']),
    signal: Signal.optional(),
  })
  .refine((params) => Date.parse(params.fromDate) <= Date.parse(params.toDate), {
    message: 'fromDate must not be after toDate',
    path: ['fromDate'],
  });
export type DvInitQueryParams = z.input<typeof DvInitQueryParams>;

const QueryRef = z.strictObject({ queryId: DvQueryId, signal: Signal.optional() });
export type DvQueryRef = z.input<typeof QueryRef>;

export const DvEventsParams = z.strictObject({
  queryId: DvQueryId,
  sortBy: z.enum(['createdAt', 'pid', 'processStartTime']).optional(),
  ...paging,
  signal: Signal.optional(),
});
export type DvEventsParams = z.input<typeof DvEventsParams>;

export const DvEventsByTypeParams = z.strictObject({
  queryId: DvQueryId,
  // Object-type slugs (`process`, `dns`) or event-type names (`Process Creation`); the
  // character set keeps the value one path segment.
  type: z.string().regex(/^[A-Za-z0-9_ ]+$/, 'expected an object type or event type name'),
  limit: Limit.optional(),
  cursor: z.string().min(1).optional(),
  signal: Signal.optional(),
});
export type DvEventsByTypeParams = z.input<typeof DvEventsByTypeParams>;

const InitBody = dataEnvelope(z.looseObject({ queryId: DvQueryId }));
const StatusBody = dataEnvelope(DvQueryStatus);
const EventList = listEnvelope(DvEvent);

export interface DeepVisibilityApi {
  /** Starts an S1QL 1.0 query; returns its query id. */
  dvInitQuery(params: DvInitQueryParams): Promise<string>;
  /** One status poll, spaced with every other poll of this client (1 call/s per token). */
  dvQueryStatus(params: DvQueryRef): Promise<DvQueryStatus>;
  dvEvents(params: DvEventsParams): Promise<ListPage<DvEvent>>;
  dvEventsByType(params: DvEventsByTypeParams): Promise<ListPage<DvEvent>>;
  dvCancelQuery(params: DvQueryRef): Promise<void>;
}

export function createDeepVisibilityApi({
  transport,
  statusGate,
}: {
  transport: Transport;
  statusGate: IntervalGate;
}): DeepVisibilityApi {
  return {
    dvInitQuery: async (params) => {
      const { signal, ...body } = parseInput('dvInitQuery', DvInitQueryParams, params);
      const { value } = await transport.request({
        method: 'POST',
        path: '/dv/init-query',
        body,
        schema: InitBody,
        signal,
      });
      return value.data.queryId;
    },

    dvQueryStatus: async (params) => {
      const { queryId, signal } = parseInput('dvQueryStatus', QueryRef, params);
      await statusGate.pass(signal);
      const { value } = await transport.request({
        method: 'GET',
        path: '/dv/query-status',
        query: { queryId },
        schema: StatusBody,
        signal,
      });
      return value.data;
    },

    dvEvents: async (params) => {
      const { signal, ...query } = parseInput('dvEvents', DvEventsParams, params);
      const { value } = await transport.request({
        method: 'GET',
        path: '/dv/events',
        query,
        schema: EventList,
        signal,
      });
      return toListPage(value);
    },

    dvEventsByType: async (params) => {
      const { signal, type, ...query } = parseInput('dvEventsByType', DvEventsByTypeParams, params);
      const { value } = await transport.request({
        method: 'GET',
        path: `/dv/events/${encodeURIComponent(type)}`,
        query,
        schema: EventList,
        signal,
      });
      return toListPage(value);
    },

    dvCancelQuery: async (params) => {
      const { queryId, signal } = parseInput('dvCancelQuery', QueryRef, params);
      // The doc spells the key `queryID`; the answer carries nothing we use.
      await transport.request({
        method: 'POST',
        path: '/dv/cancel-query',
        body: { queryID: queryId },
        schema: z.unknown(),
        signal,
      });
    },
  };
}
