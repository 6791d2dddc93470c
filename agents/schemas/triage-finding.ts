import { z } from 'zod';

import { Severity, TriageVerdict } from '../../policy/index.ts';
import { Citations, CitedStatement, OptionalCitations } from './citation.ts';

export const TRIAGE_SCHEMA_VERSION = 1;

const Text = z.string().min(1).max(2_000);
const TechniqueId = z.string().regex(/^T\d{4}(\.\d{3})?$/, 'an ATT&CK id such as T1059.001');

export const CitedTechnique = z.strictObject({
  id: TechniqueId,
  name: z.string().min(1).max(200),
  tactics: z.array(z.string().min(1)).max(14),
  confidence: z.number().min(0).max(1),
  eventIds: Citations,
});
export type CitedTechnique = z.infer<typeof CitedTechnique>;

/** One reason behind the verdict, with its weight (positive: malicious, negative: benign). */
export const VerdictSignal = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/),
    description: Text,
    weight: z.number().min(-10).max(10),
    /** `console` signals restate what the console reported and may cite no event. */
    source: z.enum(['telemetry', 'console']),
    eventIds: OptionalCitations,
  })
  .refine((signal) => signal.source === 'console' || signal.eventIds.length > 0, {
    message: 'a telemetry signal cites at least one event',
    path: ['eventIds'],
  });
export type VerdictSignal = z.infer<typeof VerdictSignal>;

export const AffectedEndpoint = z.strictObject({
  name: z.string().min(1).max(200),
  agentId: z.string().min(1).optional(),
  /** `origin`: where the threat fired; `lateral`: reached from it; `sweep`: shares IOCs. */
  role: z.enum(['origin', 'lateral', 'sweep']),
  eventIds: Citations,
});
export type AffectedEndpoint = z.infer<typeof AffectedEndpoint>;

export const AffectedUser = z.strictObject({
  name: z.string().min(1).max(200),
  eventIds: Citations,
});

export const RootCause = z.strictObject({
  /** The initial execution vector, in plain words. */
  description: Text,
  processUid: z.string().min(1).optional(),
  processName: z.string().min(1).optional(),
  eventIds: Citations,
});
export type RootCause = z.infer<typeof RootCause>;

export const RecommendedStep = z.strictObject({
  /** What a person should do; casebook never carries it out on its own. */
  action: Text,
  rationale: Text,
  eventIds: OptionalCitations,
});
export type RecommendedStep = z.infer<typeof RecommendedStep>;

/**
 * The triage specialist's answer: a verdict with its confidence and severity, and every
 * claim under it citing the events it rests on.
 */
export const TriageFinding = z.strictObject({
  schemaVersion: z.literal(TRIAGE_SCHEMA_VERSION),
  caseId: z.string().min(1),
  verdict: TriageVerdict,
  confidence: z.number().min(0).max(1),
  severity: Severity,
  summary: Text,
  /** The console's classification, as reported. */
  classification: z.string().min(1).max(200).optional(),
  techniques: z.array(CitedTechnique).max(60),
  rootCause: RootCause.nullable(),
  affectedEndpoints: z.array(AffectedEndpoint).max(200),
  affectedUsers: z.array(AffectedUser).max(200),
  lateralMovement: z.strictObject({
    detected: z.boolean(),
    evidence: z.array(CitedStatement).max(50),
  }),
  signals: z.array(VerdictSignal).max(40),
  recommendedSteps: z.array(RecommendedStep).max(20),
  /** What the evidence could not show (a truncated storyline, a skipped sweep). */
  limitations: z.array(Text).max(20),
});
export type TriageFinding = z.infer<typeof TriageFinding>;
