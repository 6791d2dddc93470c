import { and, eq, gt } from 'drizzle-orm';

import { approvals, heldActions } from '../../db/schema.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { canonicalPrincipalId } from '../identity/canonical-principal-id.ts';
import type { Principal } from '../identity/principal.ts';
import type { StoreHandle } from '../store-handle.ts';
import type { HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';

/**
 * Records one approval of the action's current arguments and, when it completes the
 * number of distinct approvers (by canonical id), claims the action for execution. The
 * `principal` is the screened one, so its id is canonical. The claim is a single
 * UPDATE guarded on `status = 'pending'`, the current hash and the expiry; inside the
 * immediate transaction exactly one approval can win it, whichever process it is in.
 */
export function recordApproval<Caps extends ToolCapabilities>({
  store,
  deps,
  action,
  principal,
  comment,
}: {
  store: StoreHandle;
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  principal: Principal;
  comment: string | null;
}): { approvals: number; claimed: boolean } {
  const now = deps.clock.now();

  store
    .insert(approvals)
    .values({
      heldActionId: action.id,
      tenantId: deps.tenantId,
      principalId: principal.id,
      role: principal.role,
      decision: 'approve',
      argsHash: action.argsHash,
      comment,
      createdAt: now,
    })
    .run();

  // Canonical ids, so approvals stored before ids were canonical count a person once.
  const approvers = new Set(
    store
      .select({ principalId: approvals.principalId })
      .from(approvals)
      .where(
        and(
          eq(approvals.heldActionId, action.id),
          eq(approvals.argsHash, action.argsHash),
          eq(approvals.decision, 'approve'),
        ),
      )
      .all()
      .map((row) => canonicalPrincipalId(row.principalId)),
  );

  const complete = approvers.size >= action.approvalsRequired;
  const claimed =
    complete &&
    store
      .update(heldActions)
      .set({ status: 'executing', updatedAt: now })
      .where(
        and(
          eq(heldActions.id, action.id),
          eq(heldActions.status, 'pending'),
          eq(heldActions.argsHash, action.argsHash),
          gt(heldActions.expiresAt, now),
        ),
      )
      .run().changes === 1;

  deps.audit.append(
    {
      tenantId: deps.tenantId,
      kind: 'approval.recorded',
      caseId: action.caseId,
      runId: action.runId,
      step: action.step,
      actor: principal.id,
      payload: {
        heldActionId: action.id,
        role: principal.role,
        argsHash: action.argsHash,
        comment,
        approvals: approvers.size,
        required: action.approvalsRequired,
        executes: claimed,
      },
    },
    { store },
  );

  return { approvals: approvers.size, claimed };
}
