import { CasebookError } from '../../lib/casebook-error.ts';

/**
 * A held action asked on one console and approved where another is configured: running
 * it would act on endpoints and threats nobody reviewed it for, so it is refused.
 */
export class HeldActionConsoleError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HELD_ACTION_OTHER_CONSOLE';

  constructor(
    readonly id: string,
    readonly heldOn: string,
    readonly configured: string,
  ) {
    super(
      `held action ${id} was asked on console ${heldOn}, but this tenant’s console is ` +
        `${configured}; it can only be approved where it was asked (deny it to close it)`,
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, heldOn: this.heldOn, configured: this.configured };
  }
}
