import { canonicalPrincipalId } from './canonical-principal-id.ts';

/**
 * The names casebook's agents act under: the supervisor and specialists of a case run
 * (agents/agent-id.ts) and the hunting agent that is planned. The policy layer has no
 * registry of agent names to read, so they are reserved here: were a person granted an
 * approving role under an agent's name, that agent's requests could be approved in its
 * own name. Add a name here when an agent is added.
 */
export const AGENT_IDENTITIES: readonly string[] = [
  'supervisor',
  'triage',
  'timeline',
  'comms',
  'reporter',
  'hunting',
  // The ITSM sync (itsm/itsm-tenant.ts ITSM_SYNC_AGENT) asks for ticket writes.
  'itsm-sync',
];

const RESERVED: ReadonlySet<string> = new Set(AGENT_IDENTITIES);

/** True for a reserved agent name in any capitalisation or compatibility form. */
export function isAgentIdentity(id: string): boolean {
  return RESERVED.has(canonicalPrincipalId(id));
}
