import { z } from 'zod';

import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { ThreatId } from './tool-params.ts';

export const getThreatTimeline = defineSentinelOneTool({
  name: 'get_threat_timeline',
  description:
    "Fetch a threat's console timeline: detection, mitigations, verdict and status changes, " +
    'notes, with who did what and when.',
  effect: 'read',
  input: z.strictObject({
    threatId: ThreatId,
    limit: z.number().int().min(1).max(1000).default(100).describe('most items to return'),
  }),
  output: z.strictObject({
    threatId: z.string(),
    items: z.array(
      z.strictObject({
        id: z.string(),
        activityType: z.number().int(),
        primaryDescription: z.string().nullable(),
        createdAt: z.string(),
        userId: z.string().nullable(),
      }),
    ),
  }),
  // Descriptions embed file and threat names from the endpoint.
  untrusted: (output) =>
    output.items.flatMap((item, index) =>
      item.primaryDescription === null ? [] : [`items[${index}].primaryDescription`],
    ),
  async execute({ threatId, limit }, { reads, signal }) {
    const page = await reads.sentinelone.getThreatTimeline({ threatId, limit, signal });

    return {
      threatId,
      items: page.items.map((item) => ({
        id: item.id,
        activityType: item.activityType,
        primaryDescription: item.primaryDescription,
        createdAt: item.createdAt,
        userId: item.userId,
      })),
    };
  },
});
