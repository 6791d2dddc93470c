import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { CaseFacts } from '../case-facts.ts';
import type { PolicyDecision } from '../policy-decision.ts';
import type { ToolEffect } from '../tool-effect.ts';
import { isPostableAiDraft } from './ai-draft-note.ts';
import type { Policy, PolicyRule, RuleConditions } from './policy-file.ts';

export interface PolicyQuestion {
  policy: Policy;
  tool: { name: string; effect: ToolEffect };
  /** The threat id of the case the run works on. */
  caseId: string;
  facts: CaseFacts;
  /** The call's blast radius; null for reads. */
  preview: BlastRadius | null;
  /** The note the call would post, for note tools; null otherwise. */
  noteText: string | null;
}

/**
 * Decides one call. The phase sets the ceiling, the rules fill it in:
 * - reads run unless a matching rule denies them;
 * - `observe` denies every write, whatever the rules say;
 * - `assist` posts AI-draft notes, allows what a matching rule allows with
 *   `allowInAssist`, holds other writes a matching rule allows or holds, and denies what
 *   a matching rule denies;
 * - `automate` applies the matching rule as written and posts AI-draft notes no rule
 *   decides;
 * - with no matching rule, containment is held and any other write is denied.
 * The first rule naming the tool whose conditions all hold is the matching rule.
 */
export function evaluatePolicy(question: PolicyQuestion): PolicyDecision {
  const { policy, tool } = question;
  const index = policy.rules.findIndex(
    (rule) => rule.tool === tool.name && conditionsHold(rule.when, question),
  );
  const rule = index === -1 ? undefined : policy.rules[index];
  const base = { phase: policy.phase, tool: tool.name, effect: tool.effect };
  const ruled = { ...base, basis: 'rule' as const, ruleIndex: index };

  if (tool.effect === 'read') {
    return rule?.action === 'deny'
      ? deny(ruled, `rule ${index} denies ${tool.name}`)
      : allow({ ...base, basis: 'read_tool', ruleIndex: null }, 'reads are allowed');
  }

  if (policy.phase === 'observe') {
    return deny(
      { ...base, basis: 'phase_observe', ruleIndex: null },
      'the observe phase writes nothing; the finding stays in casebook',
    );
  }

  const draft = question.noteText !== null && isPostableAiDraft(question.noteText);

  if (policy.phase === 'assist') {
    if (rule?.action === 'deny') return deny(ruled, `rule ${index} denies ${tool.name}`);
    if (rule?.action === 'allow' && rule.allowInAssist === true) {
      return allow(ruled, `rule ${index} allows ${tool.name}, in the assist phase too`);
    }
    if (draft) {
      return allow({ ...base, basis: 'assist_ai_draft', ruleIndex: null }, 'an AI-draft case note');
    }
    if (rule) {
      return hold(
        { ...base, basis: 'assist_hold', ruleIndex: index },
        holdTerms(policy, tool.effect, rule),
        rule.action === 'hold'
          ? `rule ${index} holds ${tool.name}`
          : `rule ${index} allows ${tool.name}, and the assist phase holds it for approval ` +
              '(allowInAssist lets it run)',
      );
    }
    return fallback(policy, base);
  }

  if (rule?.action === 'allow') return allow(ruled, `rule ${index} allows ${tool.name}`);
  if (rule?.action === 'deny') return deny(ruled, `rule ${index} denies ${tool.name}`);
  if (rule?.action === 'hold') {
    return hold(ruled, holdTerms(policy, tool.effect, rule), `rule ${index} holds ${tool.name}`);
  }
  if (draft) {
    return allow({ ...base, basis: 'assist_ai_draft', ruleIndex: null }, 'an AI-draft case note');
  }

  return fallback(policy, base);
}

type Base = Pick<PolicyDecision, 'phase' | 'tool' | 'effect'>;
type Basis = Pick<PolicyDecision, 'basis' | 'ruleIndex'>;
type HoldTerms = { approvalsRequired: number; holdForMs: number };

function fallback(policy: Policy, base: Base): PolicyDecision {
  if (base.effect === 'containment') {
    return hold(
      { ...base, basis: 'containment_default', ruleIndex: null },
      holdTerms(policy, 'containment', undefined),
      'containment is held for approval unless a rule names it',
    );
  }

  return deny(
    { ...base, basis: 'no_rule', ruleIndex: null },
    `no policy rule allows ${base.tool}; writes are denied by default`,
  );
}

function holdTerms(policy: Policy, effect: ToolEffect, rule: PolicyRule | undefined): HoldTerms {
  const approvers =
    effect === 'containment'
      ? policy.defaults.approvers.containment
      : policy.defaults.approvers.write;

  return {
    approvalsRequired: rule?.approvers ?? approvers,
    holdForMs: rule?.holdFor ?? policy.defaults.holdFor,
  };
}

function allow(fields: Base & Basis, reason: string): PolicyDecision {
  return { ...fields, outcome: 'allow', approvalsRequired: 0, holdForMs: null, reason };
}

function deny(fields: Base & Basis, reason: string): PolicyDecision {
  return { ...fields, outcome: 'deny', approvalsRequired: 0, holdForMs: null, reason };
}

function hold(fields: Base & Basis, terms: HoldTerms, reason: string): PolicyDecision {
  const people =
    terms.approvalsRequired === 1
      ? 'one approver'
      : `${terms.approvalsRequired} distinct approvers`;
  return { ...fields, ...terms, outcome: 'hold', reason: `${reason}; needs ${people}` };
}

function conditionsHold(when: RuleConditions | undefined, question: PolicyQuestion): boolean {
  if (when === undefined) return true;
  const { facts, preview, caseId } = question;

  if (when.classification) {
    const wanted = when.classification.map((name) => name.toLowerCase());
    if (!facts.classification || !wanted.includes(facts.classification.toLowerCase())) return false;
  }
  if (when.confidence) {
    const { min = 0, max = 1 } = when.confidence;
    if (facts.confidence === undefined || facts.confidence < min || facts.confidence > max) {
      return false;
    }
  }
  if (when.severity && (!facts.severity || !when.severity.includes(facts.severity))) return false;
  if (when.verdict && (!facts.verdict || !when.verdict.includes(facts.verdict))) return false;
  // Console tags are written by people, in any case: `Domain-Controller` is the tag a
  // rule on `domain-controller` means, and a deny rule must not fail open on it.
  const tags = new Set(facts.assetTags.map((tag) => tag.toLowerCase()));
  const tagged = (tag: string) => tags.has(tag.toLowerCase());
  if (when.assetTags?.any && !when.assetTags.any.some(tagged)) return false;
  if (when.assetTags?.none?.some(tagged)) return false;

  if (when.blastRadius) {
    if (preview === null) return false;
    const { maxEndpoints, maxThreats, caseOnly } = when.blastRadius;
    if (maxEndpoints !== undefined && preview.endpoints.length > maxEndpoints) return false;
    if (maxThreats !== undefined && preview.threats.length > maxThreats) return false;
    if (caseOnly) {
      if (preview.threats.some((threat) => threat.id !== caseId)) return false;
      if (preview.endpoints.some((endpoint) => !facts.endpointIds.includes(endpoint.id)))
        return false;
    }
  }

  return true;
}
