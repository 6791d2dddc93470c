import { Agent } from '@mastra/core/agent';

import type { SpecialistId } from '../agent-id.ts';
import { caseRunOf } from '../run/case-run.ts';
import { toolsFor } from '../tools/agent-toolsets.ts';
import type { GatedToolDescription } from '../tools/gated-tool.ts';

/**
 * A specialist agent. Its model is chosen per run (the run's configuration and audit
 * wrapper), its tools are the gated console reads and local analysis it needs, and its
 * description is what the supervisor reads when it delegates.
 */
export function createSpecialist({
  id,
  description,
  instructions,
  descriptions,
}: {
  id: SpecialistId;
  description: string;
  instructions: string;
  descriptions: readonly GatedToolDescription[];
}): Agent {
  return new Agent({
    id,
    name: id,
    description,
    instructions,
    model: ({ requestContext }) => caseRunOf(requestContext).model(id),
    tools: toolsFor({ agentId: id, descriptions }),
  });
}
