import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { decideHeldAction } from './decide-held-action.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { HeldActionStaleError } from './held-action-stale-error.ts';
import { loadHeldAction } from './held-action-store.ts';
import { recordApproval } from './record-approval.ts';
import { runHeldAction } from './run-held-action.ts';
import { screenDecider } from './screen-decider.ts';

export interface ApprovalResult {
  /** The action after this approval (and its execution, when it ran). */
  action: HeldAction;
  /** Distinct approvers of the current arguments, this one included. */
  approvals: number;
  required: number;
  /** True when this approval was the final one and casebook ran the action. */
  executed: boolean;
  outcome: ExecutionOutcome | null;
}

/**
 * Approves the action's current arguments. `argsHash`, when given, is the hash the
 * approver saw: if someone edited the action since, the approval is refused rather than
 * applied to arguments the approver never read. The tenant's policy decides the action
 * again first: one a tightened policy now denies is refused.
 */
export async function approveHeldAction<Caps extends ToolCapabilities>({
  deps,
  id,
  principalId,
  comment = null,
  argsHash,
}: {
  deps: HeldActionDeps<Caps>;
  id: string;
  principalId: string;
  comment?: string | null;
  argsHash?: string;
}): Promise<ApprovalResult> {
  const decided = deps.db.transaction(
    (tx) => {
      const screened = screenDecider({ store: tx, deps, id, principalId, attempt: 'approve' });
      if (!screened.ok) return screened;
      const stale = staleness({ deps, action: screened.action, argsHash });
      if (stale !== undefined) return { ok: false as const, error: stale };

      const recorded = recordApproval({ store: tx, deps, ...screened, comment });
      const { action, principal } = screened;
      return { ok: true as const, action, principalId: principal.id, ...recorded };
    },
    { behavior: 'immediate' },
  );
  if (!decided.ok) throw decided.error;

  return finishApproval({ deps, ...decided });
}

/** Runs the action when this approval claimed it, then reports where it stands. */
export async function finishApproval<Caps extends ToolCapabilities>({
  deps,
  action,
  approvals,
  claimed,
  principalId,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  approvals: number;
  claimed: boolean;
  /** The screened approver's canonical id. */
  principalId: string;
}): Promise<ApprovalResult> {
  const outcome = claimed ? await runHeldAction({ deps, action, approvedBy: principalId }) : null;
  const current = loadHeldAction(deps.db, { tenantId: deps.tenantId, id: action.id }) ?? action;

  return {
    action: current,
    approvals,
    required: action.approvalsRequired,
    executed: claimed,
    outcome,
  };
}

function staleness<Caps extends ToolCapabilities>({
  deps,
  action,
  argsHash,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  argsHash: string | undefined;
}): HeldActionStaleError | undefined {
  if (argsHash !== undefined && argsHash !== action.argsHash) {
    return new HeldActionStaleError(
      action.id,
      'arguments_changed',
      `its arguments changed since you looked (now ${action.argsHash.slice(0, 12)}, you ` +
        `saw ${argsHash.slice(0, 12)}); read it again before deciding`,
    );
  }

  const tool = deps.registry.get(action.tool);
  if (tool === undefined || tool.effect === 'read') return undefined;
  const decision = decideHeldAction({
    deps,
    action,
    tool,
    args: action.args,
    preview: action.preview,
  });
  if (decision?.outcome === 'deny') {
    return new HeldActionStaleError(
      action.id,
      'policy_denies',
      `the tenant's policy now denies it (${decision.reason}); deny it to close it`,
    );
  }
  return undefined;
}
