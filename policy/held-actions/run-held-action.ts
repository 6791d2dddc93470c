import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { executeWrite } from '../execution/execute-write.ts';
import { summariseError } from '../execution/summarise-error.ts';
import type { ExecutionOutcome, HeldAction } from './held-action.ts';
import type { HeldActionDeps } from './held-action-deps.ts';
import { recordExecution } from './record-execution.ts';

/**
 * Runs a claimed action: exactly the stored arguments, through the tool that was held,
 * with no model involved; then records the outcome and its verification. Only the
 * approval that won the claim calls this, so it runs once.
 */
export async function runHeldAction<Caps extends ToolCapabilities>({
  deps,
  action,
  approvedBy,
}: {
  deps: HeldActionDeps<Caps>;
  action: HeldAction;
  approvedBy: string;
}): Promise<ExecutionOutcome> {
  const outcome = await attempt(deps, action);
  recordExecution({ deps, action, outcome, approvedBy });

  deps.logger.info(
    { heldActionId: action.id, tool: action.tool, status: outcome.status },
    'held action executed',
  );

  return outcome;
}

async function attempt<Caps extends ToolCapabilities>(
  deps: HeldActionDeps<Caps>,
  action: HeldAction,
): Promise<ExecutionOutcome> {
  const failed = (code: string, message: string): ExecutionOutcome => ({
    status: 'failed',
    resultDigest: null,
    durationMs: 0,
    verification: null,
    error: { code, fault: 'system', message },
  });

  const tool = deps.registry.get(action.tool);
  if (tool === undefined || tool.effect === 'read') {
    return failed('TOOL_UNAVAILABLE', `tool ${action.tool} is not a registered write tool`);
  }

  const input = tool.input.safeParse(action.args);
  if (!input.success) {
    return failed('ARGS_INVALID', `the stored arguments no longer fit ${action.tool}'s schema`);
  }

  try {
    const { outcome } = await executeWrite({
      tool,
      input: input.data,
      capabilities: deps.capabilities,
      clock: deps.clock,
      timing: deps.timing,
    });
    return outcome;
  } catch (error) {
    return { ...failed('EXECUTION_CRASHED', ''), error: summariseError(error) };
  }
}
