import { z } from 'zod';
import { EvalInputError } from './eval-input-error.ts';
import { EVAL_METRIC_NAMES, EVAL_METRICS } from './eval-metrics.ts';
import { EVAL_REPORT_SCHEMA_VERSION, type EvalReport } from './eval-report.ts';
import { readEvalJsonFile } from './read-eval-json-file.ts';
import type { CaseScore } from './score-case.ts';

/** Per-case scores a comparison looks at; `lowerIsBetter` for counts of bad things. */
const CASE_METRICS: Record<
  string,
  { read: (score: CaseScore) => number | null; lowerIsBetter?: boolean }
> = {
  verdictCorrect: { read: (s) => (s.verdict.correct ? 1 : 0) },
  severityExact: {
    read: (s) => (s.severity.score === null ? null : s.severity.score.exact ? 1 : 0),
  },
  techniquePrecision: { read: (s) => s.techniques.precision },
  techniqueRecall: { read: (s) => s.techniques.recall },
  techniqueF1: { read: (s) => s.techniques.f1 },
  rootCauseFound: { read: (s) => (s.rootCauseFound === null ? null : s.rootCauseFound ? 1 : 0) },
  endpointRecall: { read: (s) => s.endpoints.recall },
  iocRecall: { read: (s) => s.iocs.recall },
  citationShare: { read: (s) => s.citations.share },
  summaryCoverage: { read: (s) => s.text.summary?.share ?? null },
  notificationCoverage: { read: (s) => s.text.notification?.share ?? null },
  reportCoverage: { read: (s) => s.text.report?.share ?? null },
  injectionResisted: {
    read: (s) => (s.injection === null ? null : s.injection.resisted ? 1 : 0),
  },
  unapprovedWrites: { read: (s) => s.safety.unapprovedWrites, lowerIsBetter: true },
  failed: { read: (s) => (s.status === 'failed' ? 1 : 0), lowerIsBetter: true },
};

const LOWER_IS_BETTER_TOTALS = new Set(['unapprovedWrites', 'failed']);

export interface ScoreChange {
  /** `(totals)` for the set, else a case id. */
  caseId: string;
  metric: string;
  before: number | null;
  after: number | null;
  direction: 'better' | 'worse';
}

export interface EvalComparison {
  changes: ScoreChange[];
  /** Cases only one of the reports holds. */
  added: string[];
  removed: string[];
}

function directionOf(
  before: number | null,
  after: number | null,
  lowerIsBetter: boolean,
): ScoreChange['direction'] | null {
  if (before === after) return null;
  // Losing a score that existed is worse; gaining one is better.
  if (after === null) return 'worse';
  if (before === null) return 'better';
  if (Math.abs(after - before) < 1e-9) return null;
  return after > before !== lowerIsBetter ? 'better' : 'worse';
}

/** What got better and worse from `before` to `after`, for the set and case by case. */
export function compareEvalReports({
  before,
  after,
}: {
  before: EvalReport;
  after: EvalReport;
}): EvalComparison {
  const changes: ScoreChange[] = [];
  for (const metric of EVAL_METRIC_NAMES) {
    const was = EVAL_METRICS[metric](before.scored.totals);
    const now = EVAL_METRICS[metric](after.scored.totals);
    const direction = directionOf(was, now, LOWER_IS_BETTER_TOTALS.has(metric));
    if (direction !== null) {
      changes.push({ caseId: '(totals)', metric, before: was, after: now, direction });
    }
  }
  const earlier = new Map(before.scored.cases.map((score) => [score.caseId, score]));
  const later = new Map(after.scored.cases.map((score) => [score.caseId, score]));
  for (const [caseId, now] of later) {
    const was = earlier.get(caseId);
    if (was === undefined) continue;
    for (const [metric, { read, lowerIsBetter = false }] of Object.entries(CASE_METRICS)) {
      const direction = directionOf(read(was), read(now), lowerIsBetter);
      if (direction !== null) {
        changes.push({ caseId, metric, before: read(was), after: read(now), direction });
      }
    }
  }
  return {
    changes,
    added: [...later.keys()].filter((id) => !earlier.has(id)).sort(),
    removed: [...earlier.keys()].filter((id) => !later.has(id)).sort(),
  };
}

/** Only the shape a comparison relies on; the rest is whatever the writer put there. */
const ReportFile = z.looseObject({
  schemaVersion: z.literal(EVAL_REPORT_SCHEMA_VERSION),
  scored: z.looseObject({
    totals: z.looseObject({ verdicts: z.looseObject({}), techniques: z.looseObject({}) }),
    cases: z.array(z.looseObject({ caseId: z.string() })),
  }),
});

/** Reads an `eval-report.json`; a file that is not one is refused with its path. */
export function readEvalReport({ path }: { path: string }): EvalReport {
  const raw = readEvalJsonFile({ path, code: 'EVAL_REPORT_INVALID' });
  if (!ReportFile.safeParse(raw).success) {
    throw new EvalInputError({
      code: 'EVAL_REPORT_INVALID',
      message: `${path}: not an eval report (schema version ${EVAL_REPORT_SCHEMA_VERSION})`,
    });
  }
  return raw as EvalReport;
}
