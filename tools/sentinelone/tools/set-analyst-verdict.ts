import { z } from 'zod';

import { AnalystVerdict } from '../schemas/threat.ts';
import { previewThreats } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { verifyThreatField } from './threat-field-verify.ts';
import { Affected, ThreatIds } from './tool-params.ts';

export const setAnalystVerdict = defineSentinelOneTool({
  name: 'set_analyst_verdict',
  description:
    'Set the analyst verdict of threats on the console (true or false positive, suspicious).',
  effect: 'write',
  input: z.strictObject({ threatIds: ThreatIds, verdict: AnalystVerdict }),
  output: Affected,
  preview: ({ threatIds, verdict }, { reads, signal }) =>
    previewThreats({
      reads: reads.sentinelone,
      threatIds,
      verb: `sets the verdict ${verdict} on`,
      signal,
    }),
  execute: ({ threatIds, verdict }, { writes, signal }) =>
    writes.sentinelone.setAnalystVerdict({ threatIds, verdict, signal }),
  verify: ({ input, reads, signal }) =>
    verifyThreatField({
      reads: reads.sentinelone,
      threatIds: input.threatIds,
      field: 'analystVerdict',
      expected: input.verdict,
      signal,
    }),
});
