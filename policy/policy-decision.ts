import { z } from 'zod';

import { ToolEffect } from './tool-effect.ts';

export const RolloutPhase = z.enum(['observe', 'assist', 'automate']);
export type RolloutPhase = z.infer<typeof RolloutPhase>;

/**
 * Why the gate decided what it did, as a stable code an auditor can count:
 * - `read_tool`: reads are allowed unless a rule denies them;
 * - `phase_observe`: the observe phase writes nothing;
 * - `assist_ai_draft`: an AI-draft case note, which assist and automate post;
 * - `assist_hold`: assist holds a write a rule names;
 * - `rule`: the first matching rule decided;
 * - `no_rule`: no rule names this write, so it is denied;
 * - `containment_default`: containment no rule names is held;
 * - `unknown_tool`, `invalid_input`: the call never reached policy;
 * - `preview_failed`: the blast radius could not be computed, so nothing was written;
 * - `duplicate`: the same write with the same arguments already ran in this run.
 */
export const DecisionBasis = z.enum([
  'read_tool',
  'phase_observe',
  'assist_ai_draft',
  'assist_hold',
  'rule',
  'no_rule',
  'containment_default',
  'unknown_tool',
  'invalid_input',
  'preview_failed',
  'duplicate',
]);
export type DecisionBasis = z.infer<typeof DecisionBasis>;

/** The gate's answer for one tool call, stored with every audit entry and held action. */
export const PolicyDecision = z.strictObject({
  outcome: z.enum(['allow', 'hold', 'deny']),
  basis: DecisionBasis,
  phase: RolloutPhase,
  tool: z.string(),
  effect: ToolEffect.nullable(),
  /** Index of the rule in the policy file that decided, when one did. */
  ruleIndex: z.number().int().nonnegative().nullable(),
  /** Distinct approvers a held action needs; 0 unless the outcome is `hold`. */
  approvalsRequired: z.number().int().nonnegative(),
  /** How long a held action waits for approval before it expires; null unless held. */
  holdForMs: z.number().int().positive().nullable(),
  /** One sentence for the model and the analyst. */
  reason: z.string().min(1),
});
export type PolicyDecision = z.infer<typeof PolicyDecision>;
