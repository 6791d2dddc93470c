import { CasebookError } from '../../lib/casebook-error.ts';
import type { Role } from './role.ts';

/**
 * Why an id may not be given the role asked for:
 * - `service_identity`: the identity the agents run as; it never gets any role;
 * - `agent_identity`: the name of a casebook agent; it never gets an approving role.
 */
export type ReservedReason = 'service_identity' | 'agent_identity';

/** A grant that would let the agents approve their own actions. */
export class PrincipalReservedError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'PRINCIPAL_RESERVED';

  constructor(
    readonly reason: ReservedReason,
    readonly principalId: string,
    readonly role: Role,
  ) {
    super(
      reason === 'service_identity'
        ? `${principalId} is the identity the agents run as; it can never be given a role, ` +
            'so the agents can never approve their own actions'
        : `${principalId} is the name of a casebook agent; it may not be given an approving ` +
            `role (${role}), so an agent can never approve its own actions`,
    );
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      reason: this.reason,
      principalId: this.principalId,
      role: this.role,
    };
  }
}
