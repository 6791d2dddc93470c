import { z } from 'zod';

import { Citations } from './citation.ts';

export const TIMELINE_SCHEMA_VERSION = 1;

const Iso = z.iso.datetime({ offset: true });

export const TimelineLine = z.strictObject({
  /** First occurrence. */
  time: Iso,
  /** Last occurrence, when repeats were collapsed into this line. */
  lastTime: Iso,
  count: z.number().int().positive(),
  kind: z.string().min(1).max(40),
  endpoint: z.string().min(1).max(200).optional(),
  /** The acting process. */
  actor: z.string().min(1).max(300).optional(),
  /** What happened, in plain words; quoted telemetry may be attacker-written. */
  summary: z.string().min(1).max(1_000),
  techniques: z.array(z.string()).max(20),
  eventIds: Citations,
});
export type TimelineLine = z.infer<typeof TimelineLine>;

export const TimelineProcess = z.strictObject({
  uid: z.string().min(1),
  name: z.string().min(1).max(300).optional(),
  parentUid: z.string().min(1).optional(),
  depth: z.number().int().nonnegative(),
  endpoint: z.string().min(1).max(200).optional(),
  user: z.string().min(1).max(300).optional(),
  commandLine: z.string().min(1).max(1_000).optional(),
  eventIds: Citations,
});
export type TimelineProcess = z.infer<typeof TimelineProcess>;

export const CaseIoc = z.strictObject({
  type: z.enum(['sha256', 'sha1', 'md5', 'ip', 'domain', 'url', 'path']),
  value: z.string().min(1).max(2_000),
  count: z.number().int().positive(),
  eventIds: Citations,
});
export type CaseIoc = z.infer<typeof CaseIoc>;

export const SweepHit = z.strictObject({
  endpoint: z.string().min(1).max(200),
  /** Indicator values seen on that endpoint, or `activity` for a host the case reached. */
  matched: z.array(z.string().min(1).max(2_000)).min(1).max(50),
  eventIds: Citations,
});
export type SweepHit = z.infer<typeof SweepHit>;

export const FleetSweep = z.strictObject({
  status: z.enum(['ran', 'skipped']),
  /** The S1QL 1.0 query run, when it ran. */
  query: z.string().max(10_000).optional(),
  fromDate: Iso.optional(),
  toDate: Iso.optional(),
  eventCount: z.number().int().nonnegative(),
  /** Endpoints other than the case's own that matched. */
  hits: z.array(SweepHit).max(200),
  note: z.string().max(1_000).optional(),
});
export type FleetSweep = z.infer<typeof FleetSweep>;

/**
 * The timeline specialist's answer: what happened in order, compressed so a person reads
 * it in a minute, the process tree, the case's indicators with routine infrastructure
 * filtered out, and a fleet sweep for those indicators.
 */
export const Timeline = z.strictObject({
  schemaVersion: z.literal(TIMELINE_SCHEMA_VERSION),
  caseId: z.string().min(1),
  entries: z.array(TimelineLine).max(100),
  processTree: z.array(TimelineProcess).max(200),
  iocs: z.array(CaseIoc).max(200),
  filteredIndicators: z
    .array(z.strictObject({ reason: z.string().min(1), count: z.number().int().positive() }))
    .max(40),
  sweep: FleetSweep,
  /** How much of the threat's storyline was read (see `truncated`). */
  storyline: z.strictObject({
    events: z.number().int().nonnegative(),
    /** Longer than one page: beyond it, only the rare, telling event types were read. */
    truncated: z.boolean(),
    unreadableEvents: z.number().int().nonnegative(),
  }),
  /** Events the timeline was built from: the storyline and what the sweep brought in. */
  totalEvents: z.number().int().nonnegative(),
  omitted: z.strictObject({
    entries: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
  }),
});
export type Timeline = z.infer<typeof Timeline>;
