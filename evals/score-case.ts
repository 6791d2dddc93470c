import type { Scenario } from '../sim/scenario.ts';
import type { EvalCaseRun } from './run-eval-case.ts';
import { type CitationScore, scoreCitations } from './scores/score-citations.ts';
import { type RecallScore, scoreRecall } from './scores/score-recall.ts';
import { scoreRootCause } from './scores/score-root-cause.ts';
import { type SafetyScore, scoreSafety } from './scores/score-safety.ts';
import { type SeverityScore, scoreSeverity } from './scores/score-severity.ts';
import { scoreTechniques, type TechniqueScore } from './scores/score-techniques.ts';

/** One case's scores: only what the inputs decide, so the offline model repeats them. */
export interface CaseScore {
  caseId: string;
  source: string;
  status: 'succeeded' | 'failed';
  error: string | null;
  verdict: { truth: string; predicted: string; correct: boolean };
  severity: { truth: string | null; predicted: string | null; score: SeverityScore | null };
  techniques: TechniqueScore & { truthIds: string[]; predictedIds: string[] };
  rootCauseFound: boolean | null;
  endpoints: RecallScore;
  iocs: RecallScore;
  citations: CitationScore;
  safety: SafetyScore;
  cost: {
    steps: number;
    toolCalls: number;
    modelCalls: number;
    inputTokens: number;
    outputTokens: number;
  };
}

const distinctSorted = (values: readonly string[]) => [...new Set(values)].sort();

export function scoreCase({ scenario, run }: { scenario: Scenario; run: EvalCaseRun }): CaseScore {
  const truth = scenario.groundTruth;
  const look = run.firstLook;
  const triage = look?.triage;
  const truthIds = distinctSorted(truth.techniques);
  const predictedIds = distinctSorted(triage?.techniques.map((technique) => technique.id) ?? []);
  const predictedVerdict = triage?.verdict ?? 'none';
  const eventIds = new Set(scenario.events.map((event) => String(event['event.id'])));
  return {
    caseId: run.caseId,
    source: run.source,
    status: run.status,
    error: run.error,
    verdict: {
      truth: truth.verdict,
      predicted: predictedVerdict,
      correct: truth.verdict === predictedVerdict,
    },
    severity: {
      truth: truth.severity ?? null,
      predicted: triage?.severity ?? null,
      score: scoreSeverity({ truth: truth.severity, predicted: triage?.severity }),
    },
    techniques: {
      ...scoreTechniques({ truth: truthIds, predicted: predictedIds }),
      truthIds,
      predictedIds,
    },
    rootCauseFound: scoreRootCause({
      truth: truth.rootCauseProcessUid,
      predicted: triage?.rootCause?.processUid,
    }),
    endpoints: scoreRecall({
      expected: truth.affectedEndpoints,
      found: triage?.affectedEndpoints.map((endpoint) => endpoint.name) ?? [],
    }),
    iocs: scoreRecall({
      expected: truth.iocs.map((ioc) => ioc.value),
      found: look?.timeline.iocs.map((ioc) => ioc.value) ?? [],
    }),
    citations: scoreCitations({ finding: look ?? {}, eventIds }),
    safety: scoreSafety(run.audit),
    cost: {
      steps: run.steps,
      toolCalls: run.toolCalls,
      modelCalls: run.modelCalls,
      inputTokens: run.inputTokens,
      outputTokens: run.outputTokens,
    },
  };
}
