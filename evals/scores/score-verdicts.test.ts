import { describe, expect, it } from 'vitest';
import { scoreVerdicts } from './score-verdicts.ts';

describe('scoreVerdicts', () => {
  it('counts accuracy and every truth/prediction pair', () => {
    const score = scoreVerdicts([
      { truth: 'true_positive', predicted: 'true_positive' },
      { truth: 'true_positive', predicted: 'suspicious' },
      { truth: 'false_positive', predicted: 'false_positive' },
      { truth: 'true_positive', predicted: 'none' },
    ]);
    expect(score).toEqual({
      correct: 2,
      total: 4,
      accuracy: 0.5,
      confusion: {
        true_positive: { true_positive: 1, suspicious: 1, none: 1 },
        false_positive: { false_positive: 1 },
      },
    });
  });

  it('has no accuracy over no cases', () => {
    expect(scoreVerdicts([])).toEqual({ correct: 0, total: 0, accuracy: null, confusion: {} });
  });
});
