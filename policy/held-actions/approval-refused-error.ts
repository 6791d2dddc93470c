import { CasebookError } from '../../lib/casebook-error.ts';

/**
 * Why a principal may not decide on a held action:
 * - `unknown_principal`: not a principal of the tenant;
 * - `service_identity`: the identity the agents run as, or the one that asked;
 * - `agent_identity`: the agent that asked, an agent that acted in its run, or a name
 *   casebook's agents act under;
 * - `role_not_allowed`: a role that cannot decide (viewer, hunter, automation, service);
 * - `already_decided`: this person already decided on these exact arguments.
 */
export type RefusalReason =
  | 'unknown_principal'
  | 'service_identity'
  | 'agent_identity'
  | 'role_not_allowed'
  | 'already_decided';

const MESSAGES: Record<RefusalReason, string> = {
  unknown_principal: 'is not a principal of this tenant',
  service_identity: 'is the identity the agents run as and can never approve their actions',
  agent_identity:
    'is an identity casebook agents act as (the agent that asked, an agent of its run, or ' +
    'an agent name) and can never decide on agents’ actions',
  role_not_allowed: 'has a role that may not decide on held actions (admin or analyst may)',
  already_decided: 'has already decided on these exact arguments; another person must approve',
};

export class ApprovalRefusedError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'APPROVAL_REFUSED';

  constructor(
    readonly reason: RefusalReason,
    readonly principalId: string,
    readonly heldActionId: string,
  ) {
    super(`${principalId} ${MESSAGES[reason]} (held action ${heldActionId})`);
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      principalId: this.principalId,
      heldActionId: this.heldActionId,
    };
  }
}
