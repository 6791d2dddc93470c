import { and, eq } from 'drizzle-orm';

import { heldActions } from '../../db/schema.ts';
import type { CasebookError } from '../../lib/casebook-error.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { isAgentIdentity } from '../identity/agent-identities.ts';
import { canonicalPrincipalId } from '../identity/canonical-principal-id.ts';
import type { Principal } from '../identity/principal.ts';
import { getPrincipal } from '../identity/principals.ts';
import { canApprove, isServiceIdentity } from '../identity/role.ts';
import type { StoreHandle } from '../store-handle.ts';
import { ApprovalRefusedError, type RefusalReason } from './approval-refused-error.ts';
import type { HeldAction } from './held-action.ts';
import { HeldActionClosedError } from './held-action-closed-error.ts';
import { HeldActionConsoleError } from './held-action-console-error.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { HeldActionNotFoundError } from './held-action-not-found-error.ts';
import { loadHeldAction } from './held-action-store.ts';
import { runAgentIds } from './run-agent-ids.ts';
import { systemUrlOf } from './system-url-of.ts';

export type Screened =
  | { ok: true; action: HeldAction; principal: Principal }
  | { ok: false; error: CasebookError };

/**
 * Everything that must be true before a person's decision on a held action counts,
 * checked inside the decision's transaction: the action exists in this tenant, the
 * person is a principal with an approving role and none of the identities the agents
 * act as, the action is still pending and unexpired, and the person has not already
 * decided on these arguments. Every comparison is of canonical ids, so a second
 * capitalisation is the same person. Refusals and expiries are audited in the same
 * transaction and returned, so they commit before the caller throws.
 */
export function screenDecider<Caps extends ToolCapabilities>({
  store,
  deps,
  id,
  principalId,
  attempt,
}: {
  store: StoreHandle;
  deps: HeldActionDeps<Caps>;
  id: string;
  principalId: string;
  attempt: 'approve' | 'deny' | 'edit';
}): Screened {
  const action = loadHeldAction(store, { tenantId: deps.tenantId, id });
  if (action === undefined)
    return { ok: false, error: new HeldActionNotFoundError(id, deps.tenantId) };

  const canonical = canonicalPrincipalId(principalId);
  // What was typed, when it differs: the audit shows which spelling was tried.
  const given = canonical === principalId ? {} : { given: principalId };
  const refuse = (reason: RefusalReason, role: string | null): Screened => {
    deps.audit.append(
      {
        tenantId: deps.tenantId,
        kind: 'approval.refused',
        caseId: action.caseId,
        runId: action.runId,
        step: action.step,
        actor: canonical,
        payload: { heldActionId: id, attempt, reason, role, argsHash: action.argsHash, ...given },
      },
      { store },
    );
    return { ok: false, error: new ApprovalRefusedError(reason, canonical, id) };
  };

  if (isServiceIdentity(canonical) || canonical === canonicalPrincipalId(action.requestedBy)) {
    return refuse('service_identity', null);
  }
  if (
    isAgentIdentity(canonical) ||
    canonical === canonicalPrincipalId(action.agentId) ||
    runAgentIds(store, { tenantId: deps.tenantId, runId: action.runId }).has(canonical)
  ) {
    return refuse('agent_identity', null);
  }

  const principal = getPrincipal({ store, tenantId: deps.tenantId, id: canonical });
  if (principal === undefined) return refuse('unknown_principal', null);
  if (!canApprove(principal.role)) return refuse('role_not_allowed', principal.role);

  const now = deps.clock.now();
  if (action.status === 'pending' && now >= action.expiresAt) {
    expire({ store, deps, action, now });
    return { ok: false, error: new HeldActionClosedError(id, 'expired') };
  }
  if (action.status !== 'pending') {
    return { ok: false, error: new HeldActionClosedError(id, action.status) };
  }

  const configured = systemUrlOf(deps, action.tool);
  if (attempt !== 'deny' && action.consoleUrl !== null && configured !== null) {
    if (action.consoleUrl !== configured) {
      return { ok: false, error: new HeldActionConsoleError(id, action.consoleUrl, configured) };
    }
  }

  // An editor may have approved the old arguments; the edit gives them new ones.
  const decided =
    attempt !== 'edit' &&
    action.approvals.some(
      (record) =>
        canonicalPrincipalId(record.principalId) === principal.id &&
        record.argsHash === action.argsHash,
    );
  if (decided) return refuse('already_decided', principal.role);

  return { ok: true, action, principal };
}

/** Moves a pending action past its expiry to `expired` and audits it. */
export function expire<Caps extends ToolCapabilities>({
  store,
  deps,
  action,
  now,
}: {
  store: StoreHandle;
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  now: number;
}): boolean {
  const changed = store
    .update(heldActions)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(heldActions.id, action.id), eq(heldActions.status, 'pending')))
    .run().changes;

  if (changed === 1) {
    deps.audit.append(
      {
        tenantId: deps.tenantId,
        kind: 'action.expired',
        caseId: action.caseId,
        runId: action.runId,
        step: action.step,
        actor: null,
        payload: {
          heldActionId: action.id,
          expiresAt: action.expiresAt,
          argsHash: action.argsHash,
        },
      },
      { store },
    );
  }

  return changed === 1;
}
