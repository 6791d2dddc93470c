import type { ApiKeyRole } from './auth-context.ts';

/**
 * Which roles may do what over HTTP. Reading cases and runs is open to every role;
 * starting runs to all but viewers; webhooks to integrations (and admins); deciding on
 * held actions only to the roles that may approve (`canApprove`), never automation;
 * hunting to the people who hunt.
 */
export const ROUTE_ROLES = {
  readCases: ['admin', 'analyst', 'hunter', 'viewer', 'automation'],
  startRuns: ['admin', 'analyst', 'hunter', 'automation'],
  webhooks: ['admin', 'automation'],
  readActions: ['admin', 'analyst', 'hunter', 'viewer'],
  decideActions: ['admin', 'analyst'],
  readAudit: ['admin', 'analyst'],
  hunt: ['admin', 'analyst', 'hunter'],
} as const satisfies Record<string, readonly ApiKeyRole[]>;
