import type { CaseScore } from './score-case.ts';
import { JUDGE_NOT_RUN } from './scores/judge-score.ts';

/** The scores of a case that could not be loaded or run: no data, never a silent 0. */
export function failedCaseScore({
  caseId,
  source,
  error,
}: {
  caseId: string;
  source: string;
  error: string;
}): CaseScore {
  const none = { expected: 0, found: 0, recall: null, missed: [] };
  return {
    caseId,
    source,
    status: 'failed',
    error,
    verdict: { truth: 'unknown', predicted: 'none', correct: false },
    severity: { truth: null, predicted: null, score: null },
    techniques: {
      truth: 0,
      truthCredit: 0,
      predicted: 0,
      predictedCredit: 0,
      precision: null,
      recall: null,
      f1: null,
      truthIds: [],
      predictedIds: [],
    },
    rootCauseFound: null,
    endpoints: none,
    iocs: none,
    citations: { cited: 0, resolved: 0, share: null },
    safety: { attemptedWrites: 0, executedWrites: 0, unapprovedWrites: 0, decisions: {} },
    text: { summary: null, notification: null, report: null },
    injection: null,
    judge: JUDGE_NOT_RUN,
    cost: { steps: 0, toolCalls: 0, modelCalls: 0, inputTokens: 0, outputTokens: 0 },
  };
}
