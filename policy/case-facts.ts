import { z } from 'zod';

export const Severity = z.enum(['critical', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;

export const TriageVerdict = z.enum([
  'true_positive',
  'false_positive',
  'suspicious',
  'needs_human',
]);
export type TriageVerdict = z.infer<typeof TriageVerdict>;

/**
 * What casebook knows about the case a run works on, as policy conditions see it. The
 * runtime fills it from stored findings and the console when it starts a run; it never
 * comes from a tool call's arguments, so a model cannot talk its way into a rule. A fact
 * that is not known yet stays absent, and a condition on an absent fact does not match.
 */
export const CaseFacts = z.strictObject({
  /** The console's classification, e.g. `Ransomware`, `Infostealer`. */
  classification: z.string().min(1).optional(),
  /** Triage confidence in the verdict, 0..1. */
  confidence: z.number().min(0).max(1).optional(),
  severity: Severity.optional(),
  verdict: TriageVerdict.optional(),
  /** Tags of the affected assets (e.g. `domain-controller`, `crown-jewel`). */
  assetTags: z.array(z.string().min(1)).default([]),
  /** Agent ids of the endpoints the case's threats sit on, as the console reports them. */
  endpointIds: z.array(z.string().min(1)).default([]),
});
export type CaseFacts = z.infer<typeof CaseFacts>;
export type CaseFactsInput = z.input<typeof CaseFacts>;
