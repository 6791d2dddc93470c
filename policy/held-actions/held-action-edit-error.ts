import { CasebookError } from '../../lib/casebook-error.ts';
import type { InputIssue } from '../../tools/registry/invalid-tool-input.ts';

/** Edited arguments that the tool would reject, or that changed under the editor. */
export class HeldActionEditError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HELD_ACTION_EDIT_INVALID';

  constructor(
    readonly id: string,
    message: string,
    readonly issues: InputIssue[] = [],
  ) {
    super(
      [
        `cannot edit held action ${id}: ${message}`,
        ...issues.map((i) => `${i.path}: ${i.message}`),
      ].join(issues.length === 0 ? '' : '; '),
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, issues: this.issues };
  }
}
