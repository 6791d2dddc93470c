import type { ToolCallResult } from '../../policy/gate/tool-call-result.ts';
import { TRANSIENT_ITSM_CODES } from '../../tools/itsm/itsm-api-error.ts';

/** What one attempt at a change came to. */
export type DeliveryOutcome =
  | { state: 'delivered'; detail: string }
  | { state: 'held'; heldActionId: string; detail: string }
  /** A note on a case without a ticket: it is sent once a status change creates one. */
  | { state: 'waiting'; detail: string }
  /** `notBefore`: the ITSM asked not to be called again before then (epoch ms). */
  | { state: 'retry'; detail: string; notBefore?: number }
  | { state: 'failed_permanently'; detail: string };

export class StepStopped extends Error {
  constructor(readonly outcome: Exclude<DeliveryOutcome, { state: 'delivered' }>) {
    super(outcome.detail);
  }
}

/**
 * The output of a gated call, or the reason the change stops here: held for approval,
 * denied by policy (permanent), or a failure that is permanent (a 4xx) or worth another
 * try later (429, 5xx, timeout, network, garbled body).
 */
export function expectDone(result: ToolCallResult): unknown {
  if (result.status === 'ok' || result.status === 'executed_verified') return result.output;
  if (result.status === 'executed_unverified') return result.output;
  if (result.status === 'held') {
    throw new StepStopped({
      state: 'held',
      heldActionId: result.heldActionId,
      detail: result.message,
    });
  }
  if (result.status === 'denied') {
    throw new StepStopped({
      state: 'failed_permanently',
      detail: `${result.tool} ${result.message}`,
    });
  }
  if (result.status === 'failed') {
    const transient = TRANSIENT_ITSM_CODES.has(result.error.code);
    throw new StepStopped({
      state: transient ? 'retry' : 'failed_permanently',
      detail: `${result.tool}: ${result.error.message}`,
    });
  }
  throw new StepStopped({
    state: 'failed_permanently',
    detail: `${result.tool}: ${result.message}`,
  });
}
