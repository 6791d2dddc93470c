import type { Clock } from '../../lib/clock.ts';
import type { ToolCallResult } from '../../policy/gate/tool-call-result.ts';
import type { ToolGate } from '../../policy/gate/tool-gate.ts';
import type { FirstLook } from '../schemas/first-look.ts';
import type { RunStep } from './run-step.ts';
import { triageCaseFacts } from './triage-case-facts.ts';

/**
 * Asks the policy gate, as the triage agent, for the isolation a true-positive first
 * look advises: the endpoints the case happened on (the fleet sweep's are only
 * suspects). The gate decides as for any write: containment is held for approval
 * (two approvers by default) unless a rule allows it, and a pending twin of the same
 * case and endpoints is joined rather than held again. Returns the step to record, or
 * nothing when the first look advises no isolation.
 */
export async function proposeContainment({
  gate,
  runId,
  firstLook,
  clock,
}: {
  gate: ToolGate;
  runId: string;
  firstLook: FirstLook;
  clock: Clock;
}): Promise<RunStep | undefined> {
  const { triage } = firstLook;
  if (triage.verdict !== 'true_positive') return undefined;
  const targets = triage.affectedEndpoints.filter(
    (endpoint) => endpoint.role !== 'sweep' && endpoint.agentId !== undefined,
  );
  const agentIds = [...new Set(targets.map((endpoint) => endpoint.agentId as string))];
  if (agentIds.length === 0) return undefined;

  // Said of exactly what the arguments isolate, so an approver is not told of more hosts
  // than the action touches (the first look's advice may name endpoints without an agent).
  const names = [...new Set(targets.map((endpoint) => endpoint.name))].join(', ');
  const reason =
    `Isolate ${names} from the network: the first look assesses a true positive ` +
    `(${triage.severity}, confidence ${triage.confidence.toFixed(2)})`;
  const startedAt = clock.now();
  const result = await gate
    .toolbox({
      caseId: firstLook.caseId,
      runId,
      agentId: 'triage',
      facts: triageCaseFacts(triage),
    })
    .call({
      tool: 'disconnect_agents',
      input: { agentIds },
      reason,
    });

  return {
    agentId: 'triage',
    kind: 'tool',
    name: 'disconnect_agents',
    ...outcomeOf(result),
    startedAt,
    finishedAt: clock.now(),
  };
}

function outcomeOf(result: ToolCallResult): Pick<RunStep, 'status' | 'detail'> {
  switch (result.status) {
    case 'held':
      return {
        status: 'held',
        detail:
          `held for approval as ${result.heldActionId} ` +
          `(${result.approvalsRequired} approver(s)): ${result.preview.summary}`,
      };
    case 'executed_verified':
      return { status: 'ok', detail: `policy allowed it: ${result.message}` };
    // It ran; the console just has not shown the effect yet. Calling it failed would
    // invite asking for it again.
    case 'executed_unverified':
      return { status: 'ok', detail: `policy allowed it, not yet verified: ${result.message}` };
    case 'ok':
      return { status: 'ok', detail: 'policy allowed it' };
    case 'denied':
      return { status: 'denied', detail: result.message };
    default:
      return { status: 'failed', detail: result.message };
  }
}
