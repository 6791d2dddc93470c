import { and, eq } from 'drizzle-orm';

import { approvals, heldActions } from '../../db/schema.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { loadHeldAction } from './held-action-store.ts';
import { screenDecider } from './screen-decider.ts';

/**
 * One eligible person's denial closes the action for good; it is stored under the
 * screened principal's canonical id, whatever spelling was typed.
 */
export function denyHeldAction<Caps extends ToolCapabilities>({
  deps,
  id,
  principalId,
  comment = null,
}: {
  deps: HeldActionDeps<Caps>;
  id: string;
  principalId: string;
  comment?: string | null;
}): HeldAction {
  const decided = deps.db.transaction(
    (tx) => {
      const screened = screenDecider({ store: tx, deps, id, principalId, attempt: 'deny' });
      if (!screened.ok) return screened;

      const { action, principal } = screened;
      const now = deps.clock.now();
      tx.insert(approvals)
        .values({
          heldActionId: id,
          tenantId: deps.tenantId,
          principalId: principal.id,
          role: principal.role,
          decision: 'deny',
          argsHash: action.argsHash,
          comment,
          createdAt: now,
        })
        .run();
      tx.update(heldActions)
        .set({ status: 'denied', updatedAt: now })
        .where(and(eq(heldActions.id, id), eq(heldActions.status, 'pending')))
        .run();
      deps.audit.append(
        {
          tenantId: deps.tenantId,
          kind: 'action.denied',
          caseId: action.caseId,
          runId: action.runId,
          step: action.step,
          actor: principal.id,
          payload: { heldActionId: id, role: principal.role, argsHash: action.argsHash, comment },
        },
        { store: tx },
      );

      return { ok: true as const };
    },
    { behavior: 'immediate' },
  );
  if (!decided.ok) throw decided.error;

  const action = loadHeldAction(deps.db, { tenantId: deps.tenantId, id });
  if (action === undefined) throw new Error(`held action ${id} vanished after its denial`);
  return action;
}
