import { describe, expect, it } from 'vitest';
import { scoreSeverity } from './score-severity.ts';

describe('scoreSeverity', () => {
  it('tells exact from one level off from further', () => {
    expect(scoreSeverity({ truth: 'high', predicted: 'high' })).toEqual({
      exact: true,
      withinOne: true,
    });
    expect(scoreSeverity({ truth: 'high', predicted: 'critical' })).toEqual({
      exact: false,
      withinOne: true,
    });
    expect(scoreSeverity({ truth: 'critical', predicted: 'medium' })).toEqual({
      exact: false,
      withinOne: false,
    });
  });

  it('is null without a ground truth and wrong without a prediction', () => {
    expect(scoreSeverity({ truth: undefined, predicted: 'low' })).toBeNull();
    expect(scoreSeverity({ truth: 'low', predicted: undefined })).toEqual({
      exact: false,
      withinOne: false,
    });
  });
});
