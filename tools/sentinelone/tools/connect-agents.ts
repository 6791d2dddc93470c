import { z } from 'zod';

import { previewAgents } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { Affected, AgentIds } from './tool-params.ts';
import { verifyNetworkStatus } from './verify-network-status.ts';

export const connectAgents = defineSentinelOneTool({
  name: 'connect_agents',
  description: 'Lift the network isolation of endpoints.',
  effect: 'write',
  input: z.strictObject({ agentIds: AgentIds }),
  output: Affected,
  preview: ({ agentIds }, { reads, signal }) =>
    previewAgents({ reads: reads.sentinelone, agentIds, verb: 'reconnects', signal }),
  execute: ({ agentIds }, { writes, signal }) =>
    writes.sentinelone.connectAgents({ ids: agentIds, signal }),
  verify: ({ input, reads, clock, timeoutMs, pollMs, signal }) =>
    verifyNetworkStatus({
      reads: reads.sentinelone,
      agentIds: input.agentIds,
      wanted: 'connected',
      clock,
      timeoutMs,
      pollMs,
      signal,
    }),
});
