import { z } from 'zod';

import { Severity, TriageVerdict } from '../case-facts.ts';
import { RolloutPhase } from '../policy-decision.ts';
import { Duration } from './duration.ts';

const ToolName = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'a tool name such as add_threat_note');

const Approvers = z.number().int().min(1).max(10);

const Pattern = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

export const RuleConditions = z.strictObject({
  /** Any of these console classifications, compared case-insensitively. */
  classification: z.array(z.string().min(1)).min(1).optional(),
  /** Triage confidence within the range, both ends inclusive. */
  confidence: z
    .strictObject({
      min: z.number().min(0).max(1).optional(),
      max: z.number().min(0).max(1).optional(),
    })
    .refine(
      (range) => range.min === undefined || range.max === undefined || range.min <= range.max,
      {
        message: 'min must not exceed max',
        path: ['min'],
      },
    )
    .optional(),
  severity: z.array(Severity).min(1).optional(),
  verdict: z.array(TriageVerdict).min(1).optional(),
  assetTags: z
    .strictObject({
      /** At least one affected asset carries one of these tags. */
      any: z.array(z.string().min(1)).min(1).optional(),
      /** No affected asset carries any of these tags. */
      none: z.array(z.string().min(1)).min(1).optional(),
    })
    .optional(),
  /** Limits on what the call touches, from its preview. */
  blastRadius: z
    .strictObject({
      maxEndpoints: z.number().int().min(0).optional(),
      maxThreats: z.number().int().min(0).optional(),
      /**
       * It touches only the case: every threat is the case's threat and every endpoint
       * one of the case's endpoints. Without it, a per-call limit such as
       * `maxEndpoints: 1` could be walked around one endpoint at a time.
       */
      caseOnly: z.boolean().optional(),
    })
    .optional(),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

export const PolicyRule = z.strictObject({
  tool: ToolName,
  action: z.enum(['allow', 'hold', 'deny']),
  when: RuleConditions.optional(),
  /** Distinct approvers when this rule holds a call. */
  approvers: Approvers.optional(),
  /** How long a call this rule holds waits for approval. */
  holdFor: Duration.optional(),
  /**
   * An `allow` that the assist phase applies as written instead of holding it: for
   * low-risk writes outside the console, such as opening a ticket or adding a work note.
   */
  allowInAssist: z.boolean().optional(),
  /** Why the rule exists; shown in decisions. */
  comment: z.string().optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;

/**
 * A tenant's policy file (YAML or JSON). Rules are read top to bottom; the first rule
 * naming the tool whose conditions all hold decides. See `evaluatePolicy` for how the
 * phase combines with the rules.
 */
export const PolicyFile = z.strictObject({
  version: z.literal(1),
  phase: RolloutPhase.default('assist'),
  defaults: z
    .strictObject({
      approvers: z
        .strictObject({ write: Approvers.default(1), containment: Approvers.default(2) })
        .prefault({}),
      holdFor: Duration.default(86_400_000),
    })
    .prefault({}),
  rules: z.array(PolicyRule).default([]),
  /** Added to the built-in redaction list for this tenant's audit trail and logs. */
  redact: z
    .strictObject({
      keys: z.array(z.string().min(1)).default([]),
      patterns: z.array(Pattern).default([]),
    })
    .prefault({}),
});
export type Policy = z.infer<typeof PolicyFile>;
export type PolicyFileInput = z.input<typeof PolicyFile>;

/**
 * The policy of a tenant without a file: assist, with the writes analysts expect an
 * AI to propose held for one approver, and the case's ticket and its work notes
 * written (resolving the ticket is held). Containment needs no rule to be held (two
 * approvers); every other write stays denied until a file names it.
 */
export const DEFAULT_POLICY: Policy = PolicyFile.parse({
  version: 1,
  phase: 'assist',
  rules: [
    { tool: 'add_threat_note', action: 'hold', comment: 'notes that are not AI drafts' },
    { tool: 'set_analyst_verdict', action: 'hold' },
    { tool: 'set_incident_status', action: 'hold' },
    { tool: 'connect_agents', action: 'hold' },
    {
      tool: 'create_ticket',
      action: 'allow',
      allowInAssist: true,
      comment: 'the case’s ITSM ticket; idempotent per case',
    },
    { tool: 'add_ticket_note', action: 'allow', allowInAssist: true },
    { tool: 'transition_ticket', action: 'hold', comment: 'resolving a ticket closes IT’s work' },
  ],
});
