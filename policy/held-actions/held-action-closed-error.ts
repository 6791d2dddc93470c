import { CasebookError } from '../../lib/casebook-error.ts';
import type { HeldActionStatus } from './held-action.ts';

const STATES: Record<Exclude<HeldActionStatus, 'pending'>, string> = {
  executing: 'is already approved and executing',
  executed_verified: 'has already been executed (and verified)',
  executed_unverified: 'has already been executed (its effect was not verified)',
  failed: 'was already executed and failed; hold a new action to try again',
  denied: 'was denied and can never run',
  expired: 'expired before it was approved and can never run',
};

/** The held action is no longer waiting for a decision. */
export class HeldActionClosedError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HELD_ACTION_CLOSED';

  constructor(
    readonly id: string,
    readonly status: Exclude<HeldActionStatus, 'pending'>,
  ) {
    super(`held action ${id} ${STATES[status]}`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, status: this.status };
  }
}
