import { z } from 'zod';

import { previewAgents } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { Affected, AgentIds } from './tool-params.ts';
import { verifyNetworkStatus } from './verify-network-status.ts';

export const disconnectAgents = defineSentinelOneTool({
  name: 'disconnect_agents',
  description:
    'Network-isolate endpoints: they keep talking to SentinelOne and nothing else. ' +
    'Containment: always needs human approval.',
  effect: 'containment',
  input: z.strictObject({ agentIds: AgentIds }),
  output: Affected,
  preview: ({ agentIds }, { reads, signal }) =>
    previewAgents({ reads: reads.sentinelone, agentIds, verb: 'isolates', signal }),
  execute: ({ agentIds }, { writes, signal }) =>
    writes.sentinelone.disconnectAgents({ ids: agentIds, signal }),
  verify: ({ input, reads, clock, timeoutMs, pollMs, signal }) =>
    verifyNetworkStatus({
      reads: reads.sentinelone,
      agentIds: input.agentIds,
      wanted: 'disconnected',
      clock,
      timeoutMs,
      pollMs,
      signal,
    }),
});
