import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';

export type AnalysisErrorCode =
  | 'ANALYSIS_INPUT_INVALID'
  | 'EVIDENCE_DV_EVENT_INVALID'
  | 'EVIDENCE_SCENARIO_EVENT_INVALID';

const FAULTS: Record<AnalysisErrorCode, FaultKind> = {
  ANALYSIS_INPUT_INVALID: 'user',
  // Deep Visibility events come from the console: a malformed one is its fault.
  EVIDENCE_DV_EVENT_INVALID: 'upstream',
  EVIDENCE_SCENARIO_EVENT_INVALID: 'user',
};

export interface AnalysisProblem {
  /** Dotted path of the bad value, e.g. `events.3.time`; empty for the whole input. */
  path: string;
  message: string;
}

/** Input the deterministic analysis cannot work on, with every problem found. */
export class AnalysisError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: AnalysisErrorCode;
  readonly problems: readonly AnalysisProblem[];

  constructor({
    code,
    message,
    problems = [],
    cause,
  }: {
    code: AnalysisErrorCode;
    message: string;
    problems?: readonly AnalysisProblem[];
    cause?: unknown;
  }) {
    super(message, { cause });
    this.code = code;
    this.fault = FAULTS[code];
    this.problems = problems;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems };
  }
}
