import { z } from 'zod';

import { IncidentStatus } from '../schemas/threat.ts';
import { previewThreats } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { verifyThreatField } from './threat-field-verify.ts';
import { Affected, ThreatIds } from './tool-params.ts';

export const setIncidentStatus = defineSentinelOneTool({
  name: 'set_incident_status',
  description:
    'Set the incident status of threats on the console (unresolved, in progress, resolved).',
  effect: 'write',
  input: z.strictObject({ threatIds: ThreatIds, status: IncidentStatus }),
  output: Affected,
  preview: ({ threatIds, status }, { reads, signal }) =>
    previewThreats({
      reads: reads.sentinelone,
      threatIds,
      verb: `sets the status ${status} on`,
      signal,
    }),
  execute: ({ threatIds, status }, { writes, signal }) =>
    writes.sentinelone.setIncidentStatus({ threatIds, status, signal }),
  verify: ({ input, reads, signal }) =>
    verifyThreatField({
      reads: reads.sentinelone,
      threatIds: input.threatIds,
      field: 'incidentStatus',
      expected: input.status,
      signal,
    }),
});
