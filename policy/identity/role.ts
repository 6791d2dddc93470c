import { z } from 'zod';

import { canonicalPrincipalId } from './canonical-principal-id.ts';

/**
 * What a principal may do with held actions:
 * - `admin`, `analyst`: people who may approve, deny and edit held actions;
 * - `hunter`, `viewer`: people who read cases and hunt, but never decide on actions;
 * - `automation`: integrations (SOAR, pollers) acting with a token;
 * - `service`: the identity the agents run as.
 */
export const Role = z.enum(['admin', 'analyst', 'hunter', 'viewer', 'automation', 'service']);
export type Role = z.infer<typeof Role>;

const APPROVING_ROLES: ReadonlySet<Role> = new Set(['admin', 'analyst']);

export function canApprove(role: Role): boolean {
  return APPROVING_ROLES.has(role);
}

/**
 * The principal the agents act as. It can never be granted a role, and it is refused
 * as an approver whatever role a row gives it (rows written before grants refused it,
 * or by hand), so a mistaken grant cannot let the agents approve their own actions.
 */
export const SERVICE_IDENTITY = 'casebook-agent';

/** True for the service identity in any capitalisation or compatibility form. */
export function isServiceIdentity(id: string): boolean {
  return canonicalPrincipalId(id) === SERVICE_IDENTITY;
}
