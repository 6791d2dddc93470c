import type { Clock } from '../../../lib/clock.ts';
import type { Verification } from '../../registry/verification.ts';
import type { NetworkStatus } from '../schemas/agent.ts';
import { pollUntil } from './poll-until.ts';
import { listed } from './preview-targets.ts';
import type { SentinelOneReads } from './sentinelone-capabilities.ts';

/**
 * Polls the endpoints until each reports the wanted network status. The transitional
 * state (`disconnecting`, `connecting`) means "not yet"; a console that accepted the
 * action but leaves an endpoint as it was is reported, after the timeout, as unverified.
 */
export async function verifyNetworkStatus({
  reads,
  agentIds,
  wanted,
  clock,
  timeoutMs,
  pollMs,
  signal,
}: {
  reads: SentinelOneReads;
  agentIds: readonly string[];
  wanted: Extract<NetworkStatus, 'connected' | 'disconnected'>;
  clock: Clock;
  timeoutMs: number;
  pollMs: number;
  signal: AbortSignal | undefined;
}): Promise<Verification> {
  const { done, observed, waitedMs } = await pollUntil({
    clock,
    timeoutMs,
    pollMs,
    signal,
    check: async () => {
      const statuses: Record<string, NetworkStatus> = {};
      for (const id of new Set(agentIds)) {
        statuses[id] = (await reads.getAgent({ id, signal })).networkStatus;
      }
      return {
        done: Object.values(statuses).every((status) => status === wanted),
        observed: statuses,
      };
    },
  });

  if (done) {
    return {
      verified: true,
      detail: `${Object.keys(observed).length} endpoint(s) report ${wanted}`,
      observed,
    };
  }
  const wrong = Object.entries(observed).filter(([, status]) => status !== wanted);
  return {
    verified: false,
    detail: `after ${Math.round(waitedMs / 1000)} s, not ${wanted}: ${listed(wrong)}`,
    observed,
  };
}
