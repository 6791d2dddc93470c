import { describe, expect, it } from 'vitest';
import { DvQueryStatus, dvFailureReason, dvQueryPhase } from './dv-query-status.ts';

describe('dvQueryPhase', () => {
  it('sorts the documented states into phases', () => {
    expect(
      [
        'PLANNING',
        'RUNNING',
        'QUERY_RUNNING',
        'PROCESS_RUNNING',
        'EVENTS_RUNNING',
        'FINISHED',
        'EMPTY_RESULTS',
        'FAILED',
        'FAILED_CLIENT',
        'QUERY_CANCEL',
        'QUERY_EXPIRED',
        'QUERY_NOT_FOUND',
        'TIMED_OUT',
        'SOMETHING_NEW',
      ].map(dvQueryPhase),
    ).toEqual([
      'running',
      'running',
      'running',
      'running',
      'running',
      'finished',
      'empty',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
  });
});

describe('dvFailureReason', () => {
  it('finds the reason as a string, in an object or under another key', () => {
    const reasons = [
      { responseState: 'FAILED', responseError: 'bad query' },
      { responseState: 'FAILED', responseError: { detail: 'field unknown' } },
      { responseState: 'FAILED', errorMessage: 'too many events' },
      { responseState: 'FAILED', responseError: '  ' },
    ].map((status) => dvFailureReason(DvQueryStatus.parse(status)));

    expect(reasons).toEqual(['bad query', 'field unknown', 'too many events', null]);
  });
});
