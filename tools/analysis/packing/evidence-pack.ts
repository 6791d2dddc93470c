import { z } from 'zod';
import { EvidenceEvents } from '../evidence/evidence-event.ts';

/**
 * The case's threat as far as packing needs it. Any of the console's or a scenario's
 * threat fields may be given; the process is found by event id, process uid, hash, path
 * or command line, else the storyline stands for it.
 */
export const ThreatFocus = z.object({
  id: z.string().optional(),
  eventId: z.string().optional(),
  processUid: z.string().optional(),
  storyline: z.string().nullable().optional(),
  threatName: z.string().optional(),
  classification: z.string().optional(),
  confidenceLevel: z.string().optional(),
  sha1: z.string().nullable().optional(),
  filePath: z.string().nullable().optional(),
  commandLine: z.string().nullable().optional(),
});
export type ThreatFocus = z.infer<typeof ThreatFocus>;

export const PackEvidenceInput = z.strictObject({
  events: EvidenceEvents,
  threat: ThreatFocus.optional(),
  /** Estimated tokens (characters / 4) the digest may take. */
  budgetTokens: z.number().int().min(400).max(200_000).default(8000),
});
export type PackEvidenceInput = z.input<typeof PackEvidenceInput>;

export const EvidencePack = z.strictObject({
  /** The digest for the prompt; untrusted text in it is fenced. */
  text: z.string(),
  estimatedTokens: z.number().int().nonnegative(),
  budgetTokens: z.number().int().positive(),
  /** Every event id the digest cites, for checking a model's citations against. */
  keptEventIds: z.array(z.string()),
  /** The threat's process lineage, root first. */
  lineageUids: z.array(z.string()),
  /** Events of the lineage the budget forced out; 0 when the lineage is complete. */
  lineageEventsLeftOut: z.number().int().nonnegative(),
  /** Events only counted in the summary, not cited. */
  summarisedEvents: z.number().int().nonnegative(),
  /** Longest quoted text per line at the detail level the budget allowed. */
  quoteChars: z.number().int().positive(),
});
export type EvidencePack = z.infer<typeof EvidencePack>;
