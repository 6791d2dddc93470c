import { describe, expect, it } from 'vitest';

import { compareEvalReports } from './compare-eval-reports.ts';
import { buildEvalReport } from './eval-report.ts';
import { failedCaseScore } from './failed-case-score.ts';
import { renderEvalComparison } from './render-eval-comparison.ts';
import type { CaseScore } from './score-case.ts';
import { scoreTechniques } from './scores/score-techniques.ts';

function caseScore(caseId: string, predicted: string[]): CaseScore {
  const truthIds = ['T1059.001', 'T1105'];
  return {
    ...failedCaseScore({ caseId, source: 'builtin', error: '' }),
    status: 'succeeded',
    error: null,
    verdict: { truth: 'true_positive', predicted: 'true_positive', correct: true },
    techniques: {
      ...scoreTechniques({ truth: truthIds, predicted }),
      truthIds,
      predictedIds: predicted,
    },
  };
}

const reportOf = (cases: CaseScore[]) =>
  buildEvalReport({
    model: 'offline',
    phase: 'default',
    cases,
    wallMs: {},
    totalWallMs: 0,
    concurrency: 1,
  });

describe('compareEvalReports', () => {
  it('shows a broken technique mapping as worse, case by case and in the totals', () => {
    const before = reportOf([caseScore('a', ['T1059.001', 'T1105']), caseScore('b', ['T1105'])]);
    const after = reportOf([caseScore('a', ['T1059', 'T1105']), caseScore('c', ['T1105'])]);
    const comparison = compareEvalReports({ before, after });

    expect(comparison.added).toEqual(['c']);
    expect(comparison.removed).toEqual(['b']);
    expect(comparison.changes.filter((change) => change.caseId === 'a')).toEqual([
      { caseId: 'a', metric: 'techniquePrecision', before: 1, after: 0.75, direction: 'worse' },
      { caseId: 'a', metric: 'techniqueRecall', before: 1, after: 0.75, direction: 'worse' },
      { caseId: 'a', metric: 'techniqueF1', before: 1, after: 0.75, direction: 'worse' },
    ]);
    expect(renderEvalComparison(comparison)).toContain('  a techniqueF1: 1 -> 0.750\nbetter (0)');
  });

  it('counts more unapproved writes as worse and finds nothing in equal reports', () => {
    const clean = caseScore('a', ['T1105']);
    const unsafe = { ...clean, safety: { ...clean.safety, unapprovedWrites: 1 } };
    const { changes } = compareEvalReports({
      before: reportOf([clean]),
      after: reportOf([unsafe]),
    });
    expect(changes.map((change) => [change.caseId, change.metric, change.direction])).toEqual([
      ['(totals)', 'unapprovedWrites', 'worse'],
      ['a', 'unapprovedWrites', 'worse'],
    ]);
    expect(
      compareEvalReports({ before: reportOf([clean]), after: reportOf([clean]) }).changes,
    ).toEqual([]);
  });
});
