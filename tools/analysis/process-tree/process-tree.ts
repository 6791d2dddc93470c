import { z } from 'zod';
import { EvidenceEvents } from '../evidence/evidence-event.ts';

const Ids = z.array(z.string());

/** One thing a process did, repeated `count` times; `eventIds` cites the first few. */
export const ProcessActivity = z.strictObject({
  /** What it acted on: a file or registry path, `ip:port`, a domain, a module path. */
  value: z.string(),
  /** The event type, e.g. `File Creation`. */
  action: z.string(),
  count: z.number().int().positive(),
  firstSeen: z.number().int(),
  eventIds: Ids,
  /** Why a module is worth a look; set for modules only. */
  note: z.string().optional(),
});
export type ProcessActivity = z.infer<typeof ProcessActivity>;

export const ProcessSummary = z.strictObject({
  uid: z.string(),
  name: z.string().optional(),
  imagePath: z.string().optional(),
  cmdline: z.string().optional(),
  pid: z.number().int().optional(),
  user: z.string().optional(),
  integrity: z.string().optional(),
  sha1: z.string().optional(),
  sha256: z.string().optional(),
  storyline: z.string().optional(),
  endpoint: z.string().optional(),
  parentUid: z.string().optional(),
  /** 0 for a root. */
  depth: z.number().int().nonnegative(),
  /** The process creation event that started it, when the case holds it. */
  createdByEventId: z.string().optional(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  /** Events this process acted in (as `src.process`). */
  eventCount: z.number().int().nonnegative(),
  childUids: z.array(z.string()),
  /** Descendants left out by the depth limit. */
  omittedDescendants: z.number().int().nonnegative(),
  filesWritten: z.array(ProcessActivity),
  registryChanges: z.array(ProcessActivity),
  network: z.array(ProcessActivity),
  dns: z.array(ProcessActivity),
  crossProcess: z.array(ProcessActivity),
  modulesOfNote: z.array(ProcessActivity),
  /** Events per category, before the lists above were capped. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type ProcessSummary = z.infer<typeof ProcessSummary>;

export const ProcessTree = z.strictObject({
  /** Root uids, in start order. */
  roots: z.array(z.string()),
  /** Depth-first, each process right after its parent, so the list reads as the tree. */
  processes: z.array(ProcessSummary),
  processCount: z.number().int().nonnegative(),
  /** Events with no acting process uid, which no process can claim. */
  unattributedEvents: z.number().int().nonnegative(),
});
export type ProcessTree = z.infer<typeof ProcessTree>;

export const BuildProcessTreeInput = z.strictObject({
  events: EvidenceEvents,
  /** Levels below a root to keep; deeper processes are counted, not listed. */
  maxDepth: z.number().int().min(0).max(64).default(12),
  /** Only the subtrees under these processes; all roots when absent. */
  rootUids: z.array(z.string().min(1)).optional(),
  /** Entries per activity list of a process. */
  maxItemsPerList: z.number().int().min(1).max(500).default(15),
});
export type BuildProcessTreeInput = z.input<typeof BuildProcessTreeInput>;
