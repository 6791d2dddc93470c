import { CasebookError } from '../../lib/casebook-error.ts';

/** No held action with this id exists for the tenant. */
export class HeldActionNotFoundError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HELD_ACTION_NOT_FOUND';

  constructor(
    readonly id: string,
    readonly tenantId: string,
  ) {
    super(`no held action "${id}" in tenant ${tenantId}; \`casebook actions list\` shows them`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), id: this.id, tenantId: this.tenantId };
  }
}
