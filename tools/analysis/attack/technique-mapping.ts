import { z } from 'zod';
import { EvidenceEvents } from '../evidence/evidence-event.ts';

export const RuleHit = z.strictObject({
  ruleId: z.string(),
  technique: z.string(),
  title: z.string(),
  confidence: z.number().min(0).max(1),
  /** How many events matched; `eventIds` cites the first of them. */
  count: z.number().int().positive(),
  eventIds: z.array(z.string()),
});
export type RuleHit = z.infer<typeof RuleHit>;

export const MappedTechnique = z.strictObject({
  id: z.string(),
  name: z.string(),
  tactics: z.array(z.string()),
  /** The strongest rule's confidence, nudged up for each further rule that agrees. */
  confidence: z.number().min(0).max(1),
  ruleIds: z.array(z.string()),
  count: z.number().int().positive(),
  eventIds: z.array(z.string()),
});
export type MappedTechnique = z.infer<typeof MappedTechnique>;

export const TechniqueMapping = z.strictObject({
  attackVersion: z.string(),
  /** Strongest first. */
  techniques: z.array(MappedTechnique),
  hits: z.array(RuleHit),
  rulesEvaluated: z.number().int().nonnegative(),
});
export type TechniqueMapping = z.infer<typeof TechniqueMapping>;

export const MapTechniquesInput = z.strictObject({
  events: EvidenceEvents,
  /** Leave out techniques below this confidence. */
  minConfidence: z.number().min(0).max(1).default(0),
  /** Event ids cited per hit and per technique. */
  maxEventIds: z.number().int().min(1).max(1000).default(25),
});
export type MapTechniquesInput = z.input<typeof MapTechniquesInput>;
