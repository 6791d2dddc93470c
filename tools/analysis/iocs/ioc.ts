import { z } from 'zod';
import { EvidenceEvents } from '../evidence/evidence-event.ts';

export const IocType = z.enum(['sha256', 'sha1', 'md5', 'ip', 'domain', 'url', 'path']);
export type IocType = z.infer<typeof IocType>;

export const Ioc = z.strictObject({
  type: IocType,
  value: z.string(),
  /** Events it appears in; `eventIds` cites the first of them. */
  count: z.number().int().positive(),
  firstSeen: z.number().int(),
  eventIds: z.array(z.string()),
  /** Where it was found, as evidence paths (`target.network.dstIp`) or `commandText`. */
  sources: z.array(z.string()),
  /** Set when an allow-listed value was kept anyway, e.g. a system binary with an odd hash. */
  note: z.string().optional(),
});
export type Ioc = z.infer<typeof Ioc>;

export const FilteredIocs = z.strictObject({
  reason: z.string(),
  count: z.number().int().positive(),
  examples: z.array(z.string()),
});
export type FilteredIocs = z.infer<typeof FilteredIocs>;

export const IocReport = z.strictObject({
  iocs: z.array(Ioc),
  /** What the allow-list left out and why, so filtering can be checked. */
  filtered: z.array(FilteredIocs),
});
export type IocReport = z.infer<typeof IocReport>;

export const ExtractIocsInput = z.strictObject({
  events: EvidenceEvents,
  maxEventIds: z.number().int().min(1).max(1000).default(10),
});
export type ExtractIocsInput = z.input<typeof ExtractIocsInput>;
