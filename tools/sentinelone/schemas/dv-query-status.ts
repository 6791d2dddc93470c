import { z } from 'zod';
import { nullable } from './common.ts';

/** `GET /dv/query-status`: `{"data":{"responseState":"RUNNING","progressStatus":40}}`. */
export const DvQueryStatus = z.looseObject({
  responseState: z.string().min(1),
  progressStatus: nullable(z.number()),
  // Not documented; consoles and simulators put the failure reason in various shapes.
  responseError: z.unknown().optional(),
});
export type DvQueryStatus = z.infer<typeof DvQueryStatus>;

export type DvQueryPhase = 'running' | 'finished' | 'empty' | 'failed';

const RUNNING = new Set([
  'PLANNING',
  'RUNNING',
  'QUERY_RUNNING',
  'PROCESS_RUNNING',
  'EVENTS_RUNNING',
]);

/**
 * Where a query stands. States the reference does not list count as failed: polling
 * an unknown state until the deadline would hide the console's answer.
 */
export function dvQueryPhase(state: string): DvQueryPhase {
  if (RUNNING.has(state)) {
    return 'running';
  }
  if (state === 'FINISHED') {
    return 'finished';
  }
  if (state === 'EMPTY_RESULTS') {
    return 'empty';
  }
  return 'failed';
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim();
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['message', 'detail', 'title', 'reason']) {
      const text = textOf(record[key]);
      if (text !== null) {
        return text;
      }
    }
  }
  return null;
}

/** The console's own words for why a query failed, when it gave any. */
export function dvFailureReason(status: DvQueryStatus): string | null {
  for (const key of ['responseError', 'errorMessage', 'error', 'message', 'reason']) {
    const text = textOf(status[key]);
    if (text !== null) {
      return text;
    }
  }
  return null;
}
