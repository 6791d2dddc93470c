import { z } from 'zod';
import { EvidenceEvents } from '../evidence/evidence-event.ts';

export const TimelineKind = z.enum([
  'process',
  'script',
  'file',
  'registry',
  'network',
  'dns',
  'url',
  'cross_process',
  'login',
  'task',
  'module',
  'indicator',
  'other',
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineEntry = z.strictObject({
  /** First occurrence, epoch ms. */
  time: z.number().int(),
  /** Last occurrence, when the entry collapses repeats. */
  lastTime: z.number().int(),
  count: z.number().int().positive(),
  kind: TimelineKind,
  endpoint: z.string().optional(),
  actor: z.strictObject({ uid: z.string().optional(), name: z.string().optional() }),
  /** Plain words from a fixed set (`started`, `wrote file`, `connected to`...). */
  action: z.string(),
  /** What it acted on, as telemetry wrote it: attacker-controlled text. */
  object: z.string(),
  /** One line for a reader; it quotes `object`, so it is attacker-controlled too. */
  summary: z.string(),
  /** Techniques the mapping rules found in these events. */
  techniques: z.array(z.string()),
  significance: z.number(),
  /** The events it rests on (the first of them when it collapses many). */
  eventIds: z.array(z.string()).min(1),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const FoldedActivity = z.strictObject({
  kind: TimelineKind,
  /** Why it was folded, in plain words. */
  reason: z.string(),
  count: z.number().int().positive(),
  eventIds: z.array(z.string()),
});
export type FoldedActivity = z.infer<typeof FoldedActivity>;

export const Timeline = z.strictObject({
  /** In time order. */
  entries: z.array(TimelineEntry),
  totalEvents: z.number().int().nonnegative(),
  /** Entries left out by the budget (least significant first), and their events. */
  omitted: z.strictObject({
    entries: z.number().int().nonnegative(),
    events: z.number().int().nonnegative(),
  }),
  /** Routine activity summarised instead of listed. */
  folded: z.array(FoldedActivity),
});
export type Timeline = z.infer<typeof Timeline>;

export const BuildTimelineInput = z.strictObject({
  events: EvidenceEvents,
  /** Entries to keep; the most significant win, then they are shown in time order. */
  maxEntries: z.number().int().min(1).max(5000).default(50),
  /** Longest `object` text before it is cut in the middle. */
  maxObjectChars: z.number().int().min(20).max(10_000).default(200),
});
export type BuildTimelineInput = z.input<typeof BuildTimelineInput>;
