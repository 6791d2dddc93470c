import { describe, expect, it } from 'vitest';
import { scoreTechniques, totalTechniques } from './score-techniques.ts';

describe('scoreTechniques', () => {
  it('gives exact ids full credit and a parent half credit for its sub-technique', () => {
    const score = scoreTechniques({
      truth: ['T1059.001', 'T1105', 'T1027'],
      predicted: ['T1059', 'T1105', 'T1003', 'T1105'],
    });
    expect(score).toEqual({
      truth: 3,
      truthCredit: 1.5,
      predicted: 3,
      predictedCredit: 1.5,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });

  it('gives a sub-technique half credit for its parent, and siblings nothing', () => {
    const score = scoreTechniques({ truth: ['T1547'], predicted: ['T1547.001', 'T1053.005'] });
    expect(score.precision).toBe(0.25);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(1 / 3, 10);
    expect(scoreTechniques({ truth: ['T1053.005'], predicted: ['T1053.002'] }).recall).toBe(0);
  });

  it('has no precision without predictions and no recall without ground truth', () => {
    expect(scoreTechniques({ truth: [], predicted: [] })).toEqual({
      truth: 0,
      truthCredit: 0,
      predicted: 0,
      predictedCredit: 0,
      precision: null,
      recall: null,
      f1: null,
    });
    expect(scoreTechniques({ truth: ['T1027'], predicted: [] }).f1).toBeNull();
    expect(scoreTechniques({ truth: ['T1027'], predicted: ['T1003'] }).f1).toBe(0);
  });
});

describe('totalTechniques', () => {
  it('pools credit for micro and averages cases for macro', () => {
    const a = scoreTechniques({ truth: ['T1027'], predicted: ['T1027'] });
    const b = scoreTechniques({ truth: ['T1105', 'T1003', 'T1059'], predicted: ['T1105'] });
    const none = scoreTechniques({ truth: [], predicted: [] });
    const totals = totalTechniques([a, b, none]);
    expect(totals.micro).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(totals.macro.precision).toBe(1);
    expect(totals.macro.recall).toBe(2 / 3);
    expect(totals.macro.f1).toBe((1 + 0.5) / 2);
  });
});
