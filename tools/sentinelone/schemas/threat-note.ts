import { z } from 'zod';
import { ApiTimestamp, NumericId, nullable } from './common.ts';

/** An item of `GET /threats/{id}/notes`. */
export const ThreatNote = z.looseObject({
  id: NumericId,
  text: z.string(),
  createdAt: ApiTimestamp,
  creator: nullable(z.string()),
});
export type ThreatNote = z.infer<typeof ThreatNote>;
