import { Agent } from '@mastra/core/agent';

import type { SpecialistId } from '../agent-id.ts';
import { SUPERVISOR_INSTRUCTIONS } from '../instructions/supervisor-instructions.ts';
import { caseRunOf } from '../run/case-run.ts';

/**
 * The supervisor: reaches the specialists as sub-agents (`agents: {...}`, each offered to
 * its model as an `agent-<id>` tool) and has no tools of its own.
 */
export function createSupervisor(specialists: Record<SpecialistId, Agent>): Agent {
  return new Agent({
    id: 'supervisor',
    name: 'supervisor',
    description: 'Gives a SentinelOne case its first look by delegating to the specialists.',
    instructions: SUPERVISOR_INSTRUCTIONS,
    model: ({ requestContext }) => caseRunOf(requestContext).model('supervisor'),
    agents: specialists,
  });
}
