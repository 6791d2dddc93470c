import { z } from 'zod';

import { MitigationAction } from '../schemas/threat.ts';
import { pollUntil } from './poll-until.ts';
import { listed, previewThreats } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { Affected, ThreatIds } from './tool-params.ts';

// Consoles name the rollback entry without the suffix the action path carries.
const ENTRY_NAME: Partial<Record<MitigationAction, string>> = {
  'rollback-remediation': 'rollback',
};

// A console clock a little behind ours must not hide the entry this call created.
const CLOCK_SKEW_MS = 5 * 60_000;

const Entry = z.looseObject({
  action: z.string(),
  status: z.string().nullish(),
  mitigationStartedAt: z.string().nullish(),
  lastUpdate: z.string().nullish(),
});

export const mitigateThreats = defineSentinelOneTool({
  name: 'mitigate_threats',
  description:
    'Run a mitigation on threats: kill, quarantine, remediate, rollback-remediation, ' +
    'un-quarantine or network-quarantine. Containment: always needs human approval.',
  effect: 'containment',
  input: z.strictObject({ threatIds: ThreatIds, action: MitigationAction }),
  output: Affected,
  preview: ({ threatIds, action }, { reads, signal }) =>
    previewThreats({ reads: reads.sentinelone, threatIds, verb: `runs ${action} on`, signal }),
  execute: ({ threatIds, action }, { writes, signal }) =>
    writes.sentinelone.mitigateThreats({ threatIds, action, signal }),
  async verify({ input, reads, clock, startedAt, timeoutMs, pollMs, signal }) {
    const name = ENTRY_NAME[input.action] ?? input.action;
    const since = startedAt - CLOCK_SKEW_MS;

    const { done, observed } = await pollUntil({
      clock,
      timeoutMs,
      pollMs,
      signal,
      check: async () => {
        const statuses: Record<string, string> = {};
        for (const id of input.threatIds) {
          const threat = await reads.sentinelone.getThreat({ id, signal });
          const entries = z.array(Entry).catch([]).parse(threat.mitigationStatus);
          const entry = entries.find((candidate) => {
            const at = Date.parse(candidate.mitigationStartedAt ?? candidate.lastUpdate ?? '');
            return candidate.action === name && (Number.isNaN(at) || at >= since);
          });
          statuses[id] = entry?.status ?? 'absent';
        }
        const settled = Object.values(statuses).every(
          (status) => status === 'success' || status === 'failed',
        );
        return { done: settled, observed: statuses };
      },
    });

    const failed = Object.entries(observed).filter(([, status]) => status !== 'success');
    if (done && failed.length === 0) {
      return {
        verified: true,
        detail: `${name} succeeded on ${input.threatIds.length} threat(s)`,
        observed,
      };
    }
    return {
      verified: false,
      detail: `${name} did not succeed on ${listed(failed)}`,
      observed,
    };
  },
});
