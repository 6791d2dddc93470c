import { z } from 'zod';
import { FIELDS } from '../../s1ql/fields.ts';
import { ApiTimestamp } from './common.ts';

const DvScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const CORE = {
  id: z.string().min(1),
  eventType: z.string().min(1),
  eventTime: ApiTimestamp,
  agentUuid: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
  objectType: z.string().min(1).optional(),
};

// Catalogue fields are what S1QL can name and what evidence cites; the console renders
// most of them as strings ("1188", "True"), so only the scalar-ness is checked here.
const CATALOGUE_KEYS = FIELDS.map((field) => field.dv).filter((key) => !Object.hasOwn(CORE, key));

/**
 * One Deep Visibility event from `/dv/events`, `/dv/events/{type}` or a threat's
 * `/explore/events`, keyed by the catalogue's `dv` names (`srcProcName`, `tgtFilePath`…).
 */
export const DvEvent = z.looseObject(CORE).superRefine((event, ctx) => {
  for (const key of CATALOGUE_KEYS) {
    if (Object.hasOwn(event, key) && !DvScalar.safeParse(event[key]).success) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a string, number, boolean or null',
        path: [key],
      });
    }
  }
});
export type DvEvent = z.infer<typeof DvEvent>;
