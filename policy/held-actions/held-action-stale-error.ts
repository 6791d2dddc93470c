import { CasebookError } from '../../lib/casebook-error.ts';

/**
 * An approval that no longer fits the action: the tenant's policy now denies it, or its
 * arguments changed since the approver looked (their hash differs from the one given).
 */
export class HeldActionStaleError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HELD_ACTION_STALE';

  constructor(
    readonly id: string,
    readonly reason: 'policy_denies' | 'arguments_changed',
    detail: string,
  ) {
    super(`held action ${id} cannot be approved: ${detail}`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, reason: this.reason };
  }
}
