import type { Verification } from '../../registry/verification.ts';
import type { ThreatInfo } from '../schemas/threat.ts';
import { listed } from './preview-targets.ts';
import type { SentinelOneReads } from './sentinelone-capabilities.ts';

/** Reads each threat back and checks one `threatInfo` field has the value written. */
export async function verifyThreatField({
  reads,
  threatIds,
  field,
  expected,
  signal,
}: {
  reads: SentinelOneReads;
  threatIds: readonly string[];
  field: 'analystVerdict' | 'incidentStatus';
  expected: ThreatInfo['analystVerdict'] | ThreatInfo['incidentStatus'];
  signal: AbortSignal | undefined;
}): Promise<Verification> {
  const observed: Record<string, string> = {};
  for (const id of threatIds) {
    const threat = await reads.getThreat({ id, signal });
    observed[id] = threat.threatInfo[field];
  }

  const wrong = Object.entries(observed).filter(([, value]) => value !== expected);
  return wrong.length === 0
    ? {
        verified: true,
        detail: `${field} is ${expected} on ${threatIds.length} threat(s)`,
        observed,
      }
    : {
        verified: false,
        detail: `${field} is not ${expected} on ${listed(wrong)}`,
        observed,
      };
}
