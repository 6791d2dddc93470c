import type { BlastRadiusInput } from '../../registry/blast-radius.ts';
import { agentTagNames } from '../schemas/agent.ts';

type BlastRadiusEndpoint = NonNullable<BlastRadiusInput['endpoints']>[number];

import type { SentinelOneReads } from './sentinelone-capabilities.ts';

/** The threats a threat write touches, and the endpoints they sit on. */
export async function previewThreats({
  reads,
  threatIds,
  verb,
  signal,
}: {
  reads: SentinelOneReads;
  threatIds: readonly string[];
  verb: string;
  signal: AbortSignal | undefined;
}): Promise<BlastRadiusInput> {
  const threats = [];
  for (const id of threatIds) threats.push(await reads.getThreat({ id, signal }));

  // The endpoints' tags are the console's, read here so a rule on asset tags can match.
  const endpoints = new Map<string, BlastRadiusEndpoint>();
  for (const threat of threats) {
    const { agentId, agentComputerName } = threat.agentRealtimeInfo;
    if (endpoints.has(agentId)) continue;
    const agent = await reads.getAgent({ id: agentId, signal });
    endpoints.set(agentId, {
      id: agentId,
      computerName: agentComputerName,
      networkStatus: null,
      tags: agentTagNames(agent),
    });
  }
  const names = threats.map((threat) => `${threat.threatInfo.threatName} (${threat.id})`);

  return {
    summary: `${verb} ${plural(threats.length, 'threat')}: ${names.join(', ')}`,
    threats: threats.map((threat) => ({
      id: threat.id,
      threatName: threat.threatInfo.threatName,
      agentId: threat.agentRealtimeInfo.agentId,
    })),
    endpoints: [...endpoints.values()],
  };
}

/** The endpoints an agent action touches, with their current network status. */
export async function previewAgents({
  reads,
  agentIds,
  verb,
  signal,
}: {
  reads: SentinelOneReads;
  agentIds: readonly string[];
  verb: string;
  signal: AbortSignal | undefined;
}): Promise<BlastRadiusInput> {
  const agents = [];
  for (const id of new Set(agentIds)) agents.push(await reads.getAgent({ id, signal }));
  const names = agents.map((agent) => agent.computerName);

  return {
    summary: `${verb} ${plural(agents.length, 'endpoint')}: ${names.join(', ')}`,
    endpoints: agents.map((agent) => ({
      id: agent.id,
      computerName: agent.computerName,
      networkStatus: agent.networkStatus,
      tags: agentTagNames(agent),
    })),
  };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `1 (connected), 2 (disconnecting)`: ids with what was seen on each. */
export function listed(entries: readonly (readonly [string, string])[]): string {
  return entries.map(([id, value]) => `${id} (${value})`).join(', ');
}
