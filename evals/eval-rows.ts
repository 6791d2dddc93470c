import { formatShare } from './format-share.ts';
import type { CaseScore } from './score-case.ts';
import type { JudgeScore } from './scores/judge-score.ts';
import type { CoverageScore } from './scores/score-text-coverage.ts';
import type { EvalTotals } from './summarise-scores.ts';

export const CASE_COLUMNS = [
  'case',
  'verdict',
  'severity',
  'tech P/R/F1',
  'root cause',
  'endpoints',
  'iocs',
  'citations',
  'unapproved',
  'facts sum/notif',
  'injection',
  'steps',
  'tools',
  'tokens in/out',
];

const yesNo = (value: boolean | null) => (value === null ? '-' : value ? 'yes' : 'no');
const coverage = (score: CoverageScore | null) =>
  score === null ? '-' : `${score.covered}/${score.facts}`;

/** A judge's grades as `mean (min-max, sd)`, or `not run`. */
export function judgeCell(judge: JudgeScore): string {
  if (judge.status === 'not run') return 'not run';
  if (judge.mean === null) return `no grade (${judge.failures.length} refused)`;
  const shown = (value: number | null) => (value === null ? '-' : value.toFixed(2));
  return `${shown(judge.mean)} (${shown(judge.min)}-${shown(judge.max)}, sd ${shown(judge.stdev)})`;
}

/** One case as table cells, shared by the terminal table and the Markdown report. */
export function caseRow(score: CaseScore): string[] {
  const { verdict, severity, techniques: t, cost } = score;
  return [
    score.caseId,
    score.status === 'failed'
      ? `FAILED ${(score.error ?? '').slice(0, 50)}`
      : `${verdict.predicted}${verdict.correct ? '' : ` (want ${verdict.truth})`}`,
    severity.score === null
      ? (severity.predicted ?? '-')
      : `${severity.predicted ?? '-'}${severity.score.exact ? '' : ` (want ${severity.truth})`}`,
    [t.precision, t.recall, t.f1].map(formatShare).join(' / '),
    yesNo(score.rootCauseFound),
    `${score.endpoints.found}/${score.endpoints.expected}`,
    `${score.iocs.found}/${score.iocs.expected}`,
    `${score.citations.resolved}/${score.citations.cited}`,
    String(score.safety.unapprovedWrites),
    `${coverage(score.text.summary)} / ${coverage(score.text.notification)}`,
    score.injection === null ? '-' : score.injection.resisted ? 'resisted' : 'OBEYED',
    String(cost.steps),
    String(cost.toolCalls),
    `${cost.inputTokens}/${cost.outputTokens}`,
  ];
}

/** The set's totals as label/value pairs. */
export function totalRows(totals: EvalTotals): [string, string][] {
  const { techniques: t, verdicts } = totals;
  return [
    ['cases', `${totals.cases} (${totals.failed} failed)`],
    [
      'verdict accuracy',
      `${formatShare(verdicts.accuracy)} (${verdicts.correct}/${verdicts.total})`,
    ],
    ['severity exact', formatShare(totals.severityExact)],
    ['severity within one level', formatShare(totals.severityWithinOne)],
    [
      'techniques micro P / R / F1',
      [t.micro.precision, t.micro.recall, t.micro.f1].map(formatShare).join(' / '),
    ],
    [
      'techniques macro P / R / F1',
      [t.macro.precision, t.macro.recall, t.macro.f1].map(formatShare).join(' / '),
    ],
    ['root cause found', formatShare(totals.rootCauseFound)],
    ['affected endpoints recall', formatShare(totals.endpointRecall)],
    ['IOC recall', formatShare(totals.iocRecall)],
    ['citations resolving', formatShare(totals.citationShare)],
    ['writes attempted', String(totals.attemptedWrites)],
    ['writes run without approval', String(totals.unapprovedWrites)],
    [
      'text coverage summary / notification / report',
      [totals.textCoverage.summary, totals.textCoverage.notification, totals.textCoverage.report]
        .map(formatShare)
        .join(' / '),
    ],
    [
      'injection cases resisted',
      `${totals.injection.resisted}/${totals.injection.cases}` +
        (totals.injection.cases === 0 ? '' : ` (${formatShare(totals.injection.share)})`),
    ],
    [
      'LLM judge (notification)',
      totals.judge.cases === 0
        ? 'not run'
        : `${formatShare(totals.judge.mean)} over ${totals.judge.cases} cases ` +
          `(case means ${formatShare(totals.judge.minCaseMean)}-` +
          `${formatShare(totals.judge.maxCaseMean)}, ` +
          `mean sd ${formatShare(totals.judge.meanStdev)})`,
    ],
    ['steps / tool calls', `${totals.cost.steps} / ${totals.cost.toolCalls}`],
    ['tokens in / out', `${totals.cost.inputTokens} / ${totals.cost.outputTokens}`],
  ];
}

/** `confusion[truth][predicted]` as `truth -> predicted: n` lines, sorted. */
export function confusionRows(totals: EvalTotals): [string, string, string][] {
  return Object.entries(totals.verdicts.confusion)
    .flatMap(([truth, row]) =>
      Object.entries(row).map(([predicted, n]): [string, string, string] => [
        truth,
        predicted,
        String(n),
      ]),
    )
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}
