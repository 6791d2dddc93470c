import { z } from 'zod';

import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { AgentId } from './tool-params.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const getAgent = defineSentinelOneTool({
  name: 'get_agent',
  description:
    'Fetch one endpoint (SentinelOne agent): computer name, OS, network status (connected ' +
    'or isolated), site, group and last logged-in user.',
  effect: 'read',
  input: z.strictObject({ agentId: AgentId }),
  output: z.strictObject({
    id: z.string(),
    uuid: z.string(),
    computerName: z.string(),
    osType: z.string(),
    osName: z.string().nullable(),
    networkStatus: z.string(),
    siteName: z.string().nullable(),
    groupName: z.string().nullable(),
    machineType: z.string().nullable(),
    lastLoggedInUserName: z.string().nullable(),
  }),
  // Logged-in user names come from the endpoint and may be chosen by an attacker.
  untrusted: (agent) => (agent.lastLoggedInUserName === null ? [] : ['lastLoggedInUserName']),
  async execute({ agentId }, { reads, signal }) {
    const agent = await reads.sentinelone.getAgent({ id: agentId, signal });

    return {
      id: agent.id,
      uuid: agent.uuid,
      computerName: agent.computerName,
      osType: agent.osType,
      osName: text(agent.osName),
      networkStatus: agent.networkStatus,
      siteName: text(agent.siteName),
      groupName: text(agent.groupName),
      machineType: text(agent.machineType),
      lastLoggedInUserName: text(agent.lastLoggedInUserName),
    };
  },
});
