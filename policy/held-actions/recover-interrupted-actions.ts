import { and, eq, lt } from 'drizzle-orm';

import { heldActions } from '../../db/schema.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { Verification } from '../../tools/registry/verification.ts';
import { canonicalJson } from '../canonical-json.ts';
import { verifySafely } from '../execution/execute-write.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { queryHeldActions } from './held-action-store.ts';

export interface RecoveredAction {
  id: string;
  tool: string;
  status: ExecutionOutcome['status'];
  detail: string;
}

/**
 * Settles actions a crash left `executing`: casebook stopped between claiming one and
 * recording its outcome, so nobody knows whether the call reached the console. Running it
 * again could act twice; instead the tool's own verification asks the console whether the
 * effect is there. Found: `executed_verified`. Not found: `failed` with code INTERRUPTED,
 * so a person can look and ask again. Only actions claimed longer ago than `staleAfterMs`
 * are touched, so a live approval in another process is left alone.
 */
export async function recoverInterruptedActions<Caps extends ToolCapabilities>({
  deps,
  staleAfterMs,
}: {
  deps: HeldActionDeps<Caps>;
  staleAfterMs: number;
}): Promise<RecoveredAction[]> {
  const cutoff = deps.clock.now() - staleAfterMs;
  const stuck = queryHeldActions(deps.db, {
    tenantId: deps.tenantId,
    statuses: ['executing'],
    limit: 10_000,
  }).filter((action) => action.updatedAt < cutoff);

  const recovered: RecoveredAction[] = [];
  for (const action of stuck) {
    const verification = await verifyStuck(deps, action);
    const outcome = outcomeOf(verification);
    if (settle({ deps, action, outcome, cutoff })) {
      recovered.push({
        id: action.id,
        tool: action.tool,
        status: outcome.status,
        detail: verification.detail,
      });
    }
  }

  return recovered;
}

async function verifyStuck<Caps extends ToolCapabilities>(
  deps: HeldActionDeps<Caps>,
  action: HeldAction,
): Promise<Verification> {
  const tool = deps.registry.get(action.tool);
  if (tool === undefined || tool.effect === 'read') {
    return { verified: false, detail: `tool ${action.tool} is no longer a registered write tool` };
  }

  const input = tool.input.safeParse(action.args);
  if (!input.success) {
    return { verified: false, detail: `the stored arguments no longer fit ${action.tool}` };
  }

  // The effect either landed before the crash or never will: one look, no polling.
  return verifySafely({
    tool,
    input: input.data,
    output: null,
    capabilities: deps.capabilities,
    clock: deps.clock,
    timing: { ...deps.timing, timeoutMs: 0 },
    signal: undefined,
    startedAt: action.updatedAt,
  });
}

function outcomeOf(verification: Verification): ExecutionOutcome {
  if (verification.verified) {
    return {
      status: 'executed_verified',
      resultDigest: null,
      durationMs: 0,
      verification,
      error: null,
    };
  }

  return {
    status: 'failed',
    resultDigest: null,
    durationMs: 0,
    verification,
    error: {
      code: 'INTERRUPTED',
      fault: 'system',
      message:
        'casebook stopped while running this action and its effect is not observed; ' +
        'check the console before asking for it again',
    },
  };
}

/** Records the outcome unless another process settled the action meanwhile. */
function settle<Caps extends ToolCapabilities>({
  deps,
  action,
  outcome,
  cutoff,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  outcome: ExecutionOutcome;
  cutoff: number;
}): boolean {
  const now = deps.clock.now();

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
            lt(heldActions.updatedAt, cutoff),
          ),
        )
        .run();
      if (changed.changes === 0) return false;

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
            approvedBy: action.approvedBy.at(-1) ?? null,
            status: outcome.status,
            resultDigest: null,
            durationMs: 0,
            error: outcome.error,
            recovered: true,
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
      return true;
    },
    { behavior: 'immediate' },
  );
}
