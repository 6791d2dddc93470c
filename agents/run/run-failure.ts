import type { FaultKind } from '../../lib/casebook-error.ts';

/** Why a run ended without a first look; stored with the run and shown to the analyst. */
export interface RunFailure {
  /** `tool`, `model`, `validation`, `citations`, `budget`, `delegation`, `system`. */
  stage: string;
  code: string;
  fault: FaultKind;
  message: string;
  agentId?: string;
  tool?: string;
}
