import type { BlastRadiusInput } from '../../registry/blast-radius.ts';
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

  const endpoints = new Map(
    threats.map((threat) => [
      threat.agentRealtimeInfo.agentId,
      {
        id: threat.agentRealtimeInfo.agentId,
        computerName: threat.agentRealtimeInfo.agentComputerName,
        networkStatus: null,
      },
    ]),
  );
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
