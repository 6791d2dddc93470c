import { describe, expect, it } from 'vitest';
import { scoreRecall } from './score-recall.ts';

describe('scoreRecall', () => {
  it('counts distinct expected values found, ignoring case', () => {
    expect(
      scoreRecall({
        expected: ['FIN-WS-042', 'fin-ws-042', 'DC-01', 'HR-7'],
        found: ['fin-ws-042'],
      }),
    ).toEqual({ expected: 3, found: 1, recall: 1 / 3, missed: ['dc-01', 'hr-7'] });
  });

  it('is null when nothing is expected', () => {
    expect(scoreRecall({ expected: [], found: ['x'] })).toEqual({
      expected: 0,
      found: 0,
      recall: null,
      missed: [],
    });
  });
});
