import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EvalInputError } from './eval-input-error.ts';
import { EVAL_METRIC_NAMES, EVAL_METRICS } from './eval-metrics.ts';
import { readEvalJsonFile } from './read-eval-json-file.ts';
import type { EvalTotals } from './summarise-scores.ts';

/** The project's own gate: what the offline eval over the built-in scenarios must reach. */
export const DEFAULT_THRESHOLDS_FILE = fileURLToPath(new URL('thresholds.json', import.meta.url));

const Bounds = z.partialRecord(z.enum(EVAL_METRIC_NAMES), z.number());

export const EvalThresholds = z.strictObject({
  schemaVersion: z.literal(1),
  /** A total must be at least this; a total with no data (null) fails. */
  min: Bounds.default({}),
  /** A total must be at most this, e.g. `unapprovedWrites: 0`. */
  max: Bounds.default({}),
});
export type EvalThresholds = z.infer<typeof EvalThresholds>;

export function loadEvalThresholds({ path }: { path: string }): EvalThresholds {
  const raw = readEvalJsonFile({ path, code: 'EVAL_THRESHOLDS_INVALID' });
  const parsed = EvalThresholds.safeParse(raw);
  if (!parsed.success) {
    throw new EvalInputError({
      code: 'EVAL_THRESHOLDS_INVALID',
      message: `${path}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    });
  }
  return parsed.data;
}

export interface ThresholdMiss {
  metric: string;
  bound: 'min' | 'max';
  limit: number;
  actual: number | null;
}

/** Every threshold the totals do not meet; an empty list passes the gate. */
export function checkThresholds({
  totals,
  thresholds,
}: {
  totals: EvalTotals;
  thresholds: EvalThresholds;
}): ThresholdMiss[] {
  const misses: ThresholdMiss[] = [];
  for (const bound of ['min', 'max'] as const) {
    for (const metric of EVAL_METRIC_NAMES) {
      const limit = thresholds[bound][metric];
      if (limit === undefined) continue;
      const actual = EVAL_METRICS[metric](totals);
      const met = actual !== null && (bound === 'min' ? actual >= limit : actual <= limit);
      if (!met) misses.push({ metric, bound, limit, actual });
    }
  }
  return misses;
}
