import { Mastra } from '@mastra/core';

import { createSpecialistAgents } from './specialists/specialist-agents.ts';
import { createSupervisor } from './supervisor/create-supervisor.ts';
import type { GatedToolDescription } from './tools/gated-tool.ts';

/**
 * The one Mastra instance of a casebook process: the supervisor and its four specialists,
 * built over the gate's tool descriptions. It keeps no state between runs (no storage, no
 * memory): each run brings its own toolboxes, evidence and models in the request context.
 */
export function createCasebookMastra({
  tools,
}: {
  tools: readonly GatedToolDescription[];
}): Mastra {
  const specialists = createSpecialistAgents(tools);
  return new Mastra({
    agents: { supervisor: createSupervisor(specialists), ...specialists },
    logger: false,
  });
}
