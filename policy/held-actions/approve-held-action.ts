import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
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

export async function approveHeldAction<Caps extends ToolCapabilities>({
  deps,
  id,
  principalId,
  comment = null,
}: {
  deps: HeldActionDeps<Caps>;
  id: string;
  principalId: string;
  comment?: string | null;
}): Promise<ApprovalResult> {
  const decided = deps.db.transaction(
    (tx) => {
      const screened = screenDecider({ store: tx, deps, id, principalId, attempt: 'approve' });
      if (!screened.ok) return screened;

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
