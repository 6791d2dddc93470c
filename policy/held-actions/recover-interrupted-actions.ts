import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { Verification } from '../../tools/registry/verification.ts';
import { verifySafely } from '../execution/execute-write.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { queryHeldActions } from './held-action-store.ts';
import { recordExecution } from './record-execution.ts';
import { systemUrlOf } from './system-url-of.ts';

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
    // Only the console it ran on can say whether it took effect; asking another one could
    // settle it on what an unrelated endpoint looks like.
    const configured = systemUrlOf(deps, action.tool);
    if (action.consoleUrl !== null && configured !== null && action.consoleUrl !== configured) {
      deps.logger.warn(
        { heldActionId: action.id, heldOn: action.consoleUrl, configured },
        'an interrupted action was asked on another console; left for a person to check',
      );
      continue;
    }
    const verification = await verifyStuck(deps, action);
    const outcome = outcomeOf(verification);
    if (recordExecution({ deps, action, outcome, approvedBy: null, claimedBefore: cutoff })) {
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
