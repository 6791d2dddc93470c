import { z } from 'zod';
import { ApiTimestamp, NumericId, nullable } from './common.ts';

/**
 * An audit-log item of `GET /activities`. Threat timeline items have the same shape,
 * so `ThreatTimelineItem` is this schema too.
 */
export const Activity = z.looseObject({
  id: NumericId,
  activityType: z.number().int(),
  primaryDescription: nullable(z.string()),
  createdAt: ApiTimestamp,
  threatId: nullable(NumericId),
  agentId: nullable(NumericId),
  userId: nullable(NumericId),
});
export type Activity = z.infer<typeof Activity>;

export const ThreatTimelineItem = Activity;
export type ThreatTimelineItem = Activity;
