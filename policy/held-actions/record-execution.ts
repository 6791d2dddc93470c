import { and, eq, lt } from 'drizzle-orm';

import { heldActions } from '../../db/schema.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { canonicalJson } from '../canonical-json.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';

/**
 * Stores what became of an executing action and audits it (`action.executed`, then
 * `action.verified`) in one transaction. The approval that ran the action always audits
 * it, since the call really happened. Recovery passes `claimedBefore`: it settles only an
 * action still claimed before that time, and audits nothing when another process got there
 * first. Returns whether the action's row was settled.
 */
export function recordExecution<Caps extends ToolCapabilities>({
  deps,
  action,
  outcome,
  approvedBy,
  claimedBefore,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  outcome: ExecutionOutcome;
  approvedBy: string | null;
  claimedBefore?: number;
}): boolean {
  const now = deps.clock.now();
  const recovered = claimedBefore !== undefined;

  return deps.db.transaction(
    (tx) => {
      const changed = tx
        .update(heldActions)
        .set({
          status: outcome.status,
          outcomeJson: canonicalJson(JSON.parse(JSON.stringify(outcome))),
          executedAt: now,
          updatedAt: now,
        })
        .where(
          and(
            eq(heldActions.id, action.id),
            eq(heldActions.status, 'executing'),
            recovered ? lt(heldActions.updatedAt, claimedBefore) : undefined,
          ),
        )
        .run();
      if (recovered && changed.changes === 0) return false;

      const keys = {
        tenantId: deps.tenantId,
        caseId: action.caseId,
        runId: action.runId,
        step: action.step,
        actor: 'casebook',
      };
      deps.audit.append(
        {
          ...keys,
          kind: 'action.executed',
          payload: {
            heldActionId: action.id,
            tool: action.tool,
            argsHash: action.argsHash,
            approvedBy,
            status: outcome.status,
            resultDigest: outcome.resultDigest,
            durationMs: outcome.durationMs,
            error: outcome.error,
            ...(recovered ? { recovered: true } : {}),
          },
        },
        { store: tx },
      );
      deps.audit.append(
        {
          ...keys,
          kind: 'action.verified',
          payload: {
            heldActionId: action.id,
            tool: action.tool,
            verified: outcome.verification?.verified ?? false,
            detail: outcome.verification?.detail ?? null,
            observed: outcome.verification?.observed ?? null,
          },
        },
        { store: tx },
      );
      return changed.changes > 0;
    },
    { behavior: 'immediate' },
  );
}
