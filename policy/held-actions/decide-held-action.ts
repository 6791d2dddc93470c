import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { AnyWriteTool, ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { CaseFacts } from '../case-facts.ts';
import { withTargetTags } from '../gate/with-target-tags.ts';
import type { PolicyDecision } from '../policy-decision.ts';
import { evaluatePolicy } from '../rules/evaluate-policy.ts';
import type { HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';

/**
 * What the tenant's policy says of a held action now, on the facts it was held on and the
 * given arguments and blast radius: a policy tightened while the action waited, or an edit
 * to arguments the policy denies, must not run. Undefined when the caller has no policy.
 */
export function decideHeldAction<Caps extends ToolCapabilities>({
  deps,
  action,
  tool,
  args,
  preview,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  tool: AnyWriteTool<Caps>;
  args: Record<string, unknown>;
  preview: BlastRadius;
}): PolicyDecision | undefined {
  if (deps.policy === undefined) return undefined;

  return evaluatePolicy({
    policy: deps.policy,
    tool,
    caseId: action.caseId,
    facts: withTargetTags(action.facts ?? CaseFacts.parse({}), preview),
    preview,
    noteText: tool.noteText?.(args) ?? null,
  });
}
