import type { CaseScore } from './score-case.ts';
import { type EvalTotals, summariseScores } from './summarise-scores.ts';

/** 2 added text coverage, injection and judge scores. */
export const EVAL_REPORT_SCHEMA_VERSION = 2;

/**
 * An eval's result. `scored` holds only what the inputs decide (sorted by case id, no
 * times), so two offline runs give byte-identical `scored` JSON; wall times live apart.
 */
export interface EvalReport {
  schemaVersion: typeof EVAL_REPORT_SCHEMA_VERSION;
  scored: {
    model: string;
    phase: string;
    totals: EvalTotals;
    cases: CaseScore[];
  };
  timings: {
    concurrency: number;
    totalWallMs: number;
    casesPerMinute: number | null;
    wallMs: Record<string, number>;
  };
}

export function buildEvalReport({
  model,
  phase,
  cases,
  wallMs,
  totalWallMs,
  concurrency,
}: {
  model: string;
  phase: string;
  cases: readonly CaseScore[];
  wallMs: Record<string, number>;
  totalWallMs: number;
  concurrency: number;
}): EvalReport {
  const sorted = [...cases].sort((a, b) =>
    a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0,
  );
  return {
    schemaVersion: EVAL_REPORT_SCHEMA_VERSION,
    scored: { model, phase, totals: summariseScores(sorted), cases: sorted },
    timings: {
      concurrency,
      totalWallMs: Math.round(totalWallMs),
      casesPerMinute:
        totalWallMs > 0 ? Math.round((cases.length / (totalWallMs / 60_000)) * 10) / 10 : null,
      wallMs: Object.fromEntries(
        Object.entries(wallMs)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([id, ms]) => [id, Math.round(ms)]),
      ),
    },
  };
}
