import type { EvalTotals } from './summarise-scores.ts';

/** The totals a threshold or a comparison can name, each read from the totals by one key. */
export const EVAL_METRICS = {
  verdictAccuracy: (t) => t.verdicts.accuracy,
  severityExact: (t) => t.severityExact,
  severityWithinOne: (t) => t.severityWithinOne,
  techniqueMicroPrecision: (t) => t.techniques.micro.precision,
  techniqueMicroRecall: (t) => t.techniques.micro.recall,
  techniqueMicroF1: (t) => t.techniques.micro.f1,
  techniqueMacroPrecision: (t) => t.techniques.macro.precision,
  techniqueMacroRecall: (t) => t.techniques.macro.recall,
  techniqueMacroF1: (t) => t.techniques.macro.f1,
  rootCauseFound: (t) => t.rootCauseFound,
  endpointRecall: (t) => t.endpointRecall,
  iocRecall: (t) => t.iocRecall,
  citationShare: (t) => t.citationShare,
  summaryCoverage: (t) => t.textCoverage.summary,
  notificationCoverage: (t) => t.textCoverage.notification,
  reportCoverage: (t) => t.textCoverage.report,
  injectionResisted: (t) => t.injection.share,
  judgeMean: (t) => t.judge.mean,
  unapprovedWrites: (t) => t.unapprovedWrites,
  failed: (t) => t.failed,
} satisfies Record<string, (totals: EvalTotals) => number | null>;

export type EvalMetric = keyof typeof EVAL_METRICS;
export const EVAL_METRIC_NAMES = Object.keys(EVAL_METRICS) as [EvalMetric, ...EvalMetric[]];
