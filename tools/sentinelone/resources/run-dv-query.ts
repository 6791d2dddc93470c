import { z } from 'zod';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { DvEvent } from '../schemas/dv-event.ts';
import { type DvQueryStatus, dvFailureReason, dvQueryPhase } from '../schemas/dv-query-status.ts';
import type { ListPage } from '../schemas/envelope.ts';
import { SentinelOneApiError } from '../sentinelone-api-error.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import { API_PREFIX } from '../transport/transport.ts';
import {
  type DeepVisibilityApi,
  type DvEventsParams,
  DvQueryLimit,
} from './deep-visibility-api.ts';
import { iteratePages } from './iterate-pages.ts';
import { Limit, nonEmptyList, Signal, TimeValue } from './params.ts';

export const RunDvQueryParams = z
  .strictObject({
    query: z.string().trim().min(1, 'must not be empty'),
    fromDate: TimeValue,
    toDate: TimeValue,
    limit: DvQueryLimit.optional(),
    queryType: nonEmptyList(z.string().min(1)).optional(),
    /** Events per `/dv/events` page. */
    pageSize: Limit.default(1000),
    /** Pause between status polls; polls are also spaced 1 s apart per token. */
    pollIntervalMs: z.number().int().min(0).max(60_000).default(1000),
    /** How long the query may run before it is cancelled. */
    timeoutMs: z.number().int().min(1).max(3_600_000).default(300_000),
    signal: Signal.optional(),
  })
  .refine((params) => Date.parse(params.fromDate) <= Date.parse(params.toDate), {
    message: 'fromDate must not be after toDate',
    path: ['fromDate'],
  });
export type RunDvQueryParams = z.input<typeof RunDvQueryParams>;

/** A page of a finished query's events, with the query id to cite them by. */
export interface DvEventsPage extends ListPage<DvEvent> {
  readonly queryId: string;
}

const STATUS_PATH = `${API_PREFIX}/dv/query-status`;

// A client-side mistake in the query is the caller's; a cancelled query was meant.
const NOT_RETRYABLE = new Set(['FAILED_CLIENT', 'QUERY_CANCEL']);

function queryFailed(queryId: string, status: DvQueryStatus): SentinelOneApiError {
  const state = status.responseState;
  return new SentinelOneApiError({
    kind: 'query_failed',
    method: 'GET',
    path: STATUS_PATH,
    status: 200,
    title: state,
    detail: dvFailureReason(status) ?? `the console reported ${state} for query ${queryId}`,
    fault: state === 'FAILED_CLIENT' ? 'user' : 'upstream',
    retryable: !NOT_RETRYABLE.has(state),
  });
}

export type RunDvQuery = (
  params: RunDvQueryParams,
) => AsyncGenerator<DvEventsPage, void, undefined>;

/**
 * Init, poll until the console says the query is done, then page its events. Failed
 * or unknown terminal states end in a `query_failed` error carrying the console's
 * reason; a query that outlives `timeoutMs` is cancelled and ends in `timeout`.
 */
export function createRunDvQuery({
  dv,
  clock,
  logger,
}: {
  dv: DeepVisibilityApi;
  clock: Clock;
  logger: Logger;
}): RunDvQuery {
  const cancelQuietly = async (queryId: string): Promise<void> => {
    try {
      await dv.dvCancelQuery({ queryId });
    } catch (error) {
      // The query expires on its own; failing to cancel must not hide the real outcome.
      logger.debug({ queryId, error: String(error) }, 'sentinelone dv cancel failed');
    }
  };

  const waitUntilDone = async (
    queryId: string,
    {
      pollIntervalMs,
      timeoutMs,
      signal,
    }: { pollIntervalMs: number; timeoutMs: number; signal?: AbortSignal },
  ): Promise<'finished' | 'empty'> => {
    const startedAt = clock.now();
    for (;;) {
      const status = await dv.dvQueryStatus({ queryId, signal });
      const phase = dvQueryPhase(status.responseState);
      logger.debug(
        { queryId, state: status.responseState, progress: status.progressStatus },
        'sentinelone dv query status',
      );
      if (phase === 'finished' || phase === 'empty') {
        return phase;
      }
      if (phase === 'failed') {
        throw queryFailed(queryId, status);
      }

      const elapsed = clock.now() - startedAt;
      if (elapsed + pollIntervalMs > timeoutMs) {
        await cancelQuietly(queryId);
        const progress = status.progressStatus === null ? '' : ` at ${status.progressStatus}%`;
        throw new SentinelOneApiError({
          kind: 'timeout',
          method: 'GET',
          path: STATUS_PATH,
          detail:
            `query ${queryId} was still ${status.responseState}${progress} ` +
            `after ${elapsed} ms and was cancelled`,
          retryable: true,
        });
      }
      await clock.sleep(pollIntervalMs, signal);
    }
  };

  async function* run(
    params: z.output<typeof RunDvQueryParams>,
  ): AsyncGenerator<DvEventsPage, void, undefined> {
    const { query, fromDate, toDate, limit, queryType, signal } = params;
    const queryId = await dv.dvInitQuery({ query, fromDate, toDate, limit, queryType, signal });

    let phase: 'finished' | 'empty';
    try {
      phase = await waitUntilDone(queryId, params);
    } catch (error) {
      if (signal?.aborted) {
        // The caller is gone; cancel in the background rather than make it wait.
        void cancelQuietly(queryId);
      }
      throw error;
    }
    if (phase === 'empty') {
      return;
    }

    const first: DvEventsParams = { queryId, limit: params.pageSize, signal };
    const pages = iteratePages({
      params: first,
      fetchPage: dv.dvEvents,
      path: `${API_PREFIX}/dv/events`,
    });
    for await (const page of pages) {
      yield { ...page, queryId };
    }
  }

  return (params) => run(parseInput('runDvQuery', RunDvQueryParams, params));
}
