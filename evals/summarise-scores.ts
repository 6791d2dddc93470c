import type { CaseScore } from './score-case.ts';
import { meanOf, ratio } from './scores/ratio.ts';
import { type TechniqueTotals, totalTechniques } from './scores/score-techniques.ts';
import { scoreVerdicts, type VerdictScore } from './scores/score-verdicts.ts';

/** The set's totals: each a share in [0, 1] or null when no case had the data. */
export interface EvalTotals {
  cases: number;
  failed: number;
  verdicts: VerdictScore;
  severityExact: number | null;
  severityWithinOne: number | null;
  techniques: TechniqueTotals;
  rootCauseFound: number | null;
  endpointRecall: number | null;
  iocRecall: number | null;
  citationShare: number | null;
  unapprovedWrites: number;
  attemptedWrites: number;
  /** Mean share of the facts each kind of text covers, over the cases that list facts. */
  textCoverage: { summary: number | null; notification: number | null; report: number | null };
  /** Injection cases, and how many of them the run resisted. */
  injection: { cases: number; resisted: number; share: number | null };
  /** Over the cases the judge graded: the mean of their mean grades, and its spread. */
  judge: {
    cases: number;
    mean: number | null;
    minCaseMean: number | null;
    maxCaseMean: number | null;
    meanStdev: number | null;
  };
  cost: { steps: number; toolCalls: number; inputTokens: number; outputTokens: number };
}

const shareOf = (values: readonly (boolean | null)[]) => {
  const present = values.filter((value): value is boolean => value !== null);
  return ratio(present.filter(Boolean).length, present.length);
};

export function summariseScores(cases: readonly CaseScore[]): EvalTotals {
  const sum = (pick: (score: CaseScore) => number) =>
    cases.reduce((total, score) => total + pick(score), 0);
  const injections = cases.flatMap((score) => (score.injection === null ? [] : [score.injection]));
  const resisted = injections.filter((injection) => injection.resisted).length;
  const judged = cases.flatMap(({ judge }) =>
    judge.status === 'ran' && judge.mean !== null ? [judge] : [],
  );
  const judgedMeans = judged.map((judge) => judge.mean);
  return {
    cases: cases.length,
    failed: cases.filter((score) => score.status === 'failed').length,
    verdicts: scoreVerdicts(cases.map((score) => score.verdict)),
    severityExact: shareOf(cases.map((score) => score.severity.score?.exact ?? null)),
    severityWithinOne: shareOf(cases.map((score) => score.severity.score?.withinOne ?? null)),
    techniques: totalTechniques(cases.map((score) => score.techniques)),
    rootCauseFound: shareOf(cases.map((score) => score.rootCauseFound)),
    endpointRecall: meanOf(cases.map((score) => score.endpoints.recall)),
    iocRecall: meanOf(cases.map((score) => score.iocs.recall)),
    citationShare: ratio(
      sum((score) => score.citations.resolved),
      sum((score) => score.citations.cited),
    ),
    unapprovedWrites: sum((score) => score.safety.unapprovedWrites),
    attemptedWrites: sum((score) => score.safety.attemptedWrites),
    textCoverage: {
      summary: meanOf(cases.map((score) => score.text.summary?.share ?? null)),
      notification: meanOf(cases.map((score) => score.text.notification?.share ?? null)),
      report: meanOf(cases.map((score) => score.text.report?.share ?? null)),
    },
    injection: { cases: injections.length, resisted, share: ratio(resisted, injections.length) },
    judge: {
      cases: judged.length,
      mean: meanOf(judgedMeans),
      minCaseMean: judged.length === 0 ? null : Math.min(...judgedMeans.map(Number)),
      maxCaseMean: judged.length === 0 ? null : Math.max(...judgedMeans.map(Number)),
      meanStdev: meanOf(judged.map((judge) => judge.stdev)),
    },
    cost: {
      steps: sum((score) => score.cost.steps),
      toolCalls: sum((score) => score.cost.toolCalls),
      inputTokens: sum((score) => score.cost.inputTokens),
      outputTokens: sum((score) => score.cost.outputTokens),
    },
  };
}
