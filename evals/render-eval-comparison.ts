import type { EvalComparison, ScoreChange } from './compare-eval-reports.ts';

const shown = (value: number | null) =>
  value === null ? '-' : Number.isInteger(value) ? String(value) : value.toFixed(3);
const line = (change: ScoreChange) =>
  `  ${change.caseId} ${change.metric}: ${shown(change.before)} -> ${shown(change.after)}`;

/** Worse first: a reviewer reads regressions before improvements. */
export function renderEvalComparison(comparison: EvalComparison): string {
  const worse = comparison.changes.filter((change) => change.direction === 'worse');
  const better = comparison.changes.filter((change) => change.direction === 'better');
  return [
    `worse (${worse.length})`,
    ...worse.map(line),
    `better (${better.length})`,
    ...better.map(line),
    ...(comparison.added.length === 0
      ? []
      : [`only in the second: ${comparison.added.join(', ')}`]),
    ...(comparison.removed.length === 0
      ? []
      : [`only in the first: ${comparison.removed.join(', ')}`]),
  ].join('\n');
}
