import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

import type { FaultKind } from '../../lib/casebook-error.ts';
import type { ToolCallResult } from '../../policy/index.ts';
import type { AgentId } from '../agent-id.ts';
import { type CaseRun, caseRunOf } from '../run/case-run.ts';
import type { RunStepInput } from '../run/run-step.ts';
import type { AgentToolResult } from './agent-tool-result.ts';
import { eventsView } from './events-view.ts';

/** A tool as the gate describes it: name, description, effect and JSON Schema input. */
export interface GatedToolDescription {
  name: string;
  description: string;
  effect: string;
  inputSchema: Record<string, unknown>;
}

const REASON = {
  type: 'string',
  maxLength: 500,
  description: 'why you make this call; kept in the audit trail',
};

const FAULTS: readonly FaultKind[] = ['user', 'config', 'upstream', 'system'];

/**
 * A Mastra tool over one tool of the gated toolbox. It holds no client and no tool code:
 * every call goes to the run's toolbox for this agent, which validates, decides, audits
 * and executes.
 */
export function createGatedTool({
  agentId,
  description,
}: {
  agentId: AgentId;
  description: GatedToolDescription;
}) {
  const schema = structuredClone(description.inputSchema) as {
    properties?: Record<string, unknown>;
  };
  schema.properties = { ...(schema.properties ?? {}), reason: REASON };

  return createTool({
    id: description.name,
    description: description.description,
    inputSchema: z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]),
    execute: async (input, context): Promise<AgentToolResult> => {
      const { reason, ...args } = (input ?? {}) as Record<string, unknown>;
      const { view } = await callThroughGate({
        run: caseRunOf(context.requestContext),
        agentId,
        tool: description.name,
        input: args,
        reason: typeof reason === 'string' ? reason : undefined,
        signal: context.abortSignal,
      });
      return view;
    },
  });
}

/**
 * One call through the run's toolbox, recorded as a step. The answer is always a value
 * the model can read; a console that fails also fails the run, so no first look rests
 * on evidence that could not be read. Events a read returns join the run's evidence and
 * reach the model as a digest.
 */
export async function callThroughGate({
  run,
  agentId,
  tool,
  input,
  reason,
  signal,
  keepEvent,
}: {
  run: CaseRun;
  agentId: AgentId;
  tool: string;
  input: unknown;
  reason?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Which returned events join the run's evidence; all of them when absent. */
  keepEvent?: ((eventId: string) => boolean) | undefined;
}): Promise<{ result: ToolCallResult; view: AgentToolResult }> {
  const startedAt = run.clock.now();
  const result = await run.toolbox(agentId).call({ tool, input, reason, signal });
  const view = viewOf({ result, agentId, run, keepEvent });
  run.recordStep({
    agentId,
    kind: 'tool',
    name: tool,
    ...stepOutcome(result),
    startedAt,
    finishedAt: run.clock.now(),
  });

  if (result.status === 'failed') {
    const fault = FAULTS.find((kind) => kind === result.error.fault) ?? 'upstream';
    run.fail({
      stage: 'tool',
      code: result.error.code,
      fault,
      message: `${tool} failed: ${result.error.message}`,
      agentId,
      tool,
    });
  }

  return { result, view };
}

function viewOf({
  result,
  agentId,
  run,
  keepEvent,
}: {
  result: ToolCallResult;
  agentId: AgentId;
  run: CaseRun;
  keepEvent: ((eventId: string) => boolean) | undefined;
}): AgentToolResult {
  if (result.status !== 'ok') return result as AgentToolResult;

  const output = result.output as Record<string, unknown> | null;
  if (output !== null && typeof output === 'object' && Array.isArray(output.events)) {
    const view = eventsView({
      run,
      agentId,
      tool: result.tool,
      output: output as Record<string, unknown> & { events: unknown[] },
      keepEvent,
    });
    // The digest fences attacker text itself.
    return { status: 'ok', tool: result.tool, output: view, untrusted: [] };
  }

  return { status: 'ok', tool: result.tool, output: result.output, untrusted: result.untrusted };
}

function stepOutcome(result: ToolCallResult): Pick<RunStepInput, 'status' | 'detail'> {
  switch (result.status) {
    case 'ok':
      return { status: 'ok', detail: '' };
    case 'executed_verified':
    case 'executed_unverified':
      return { status: 'ok', detail: result.message };
    case 'held':
      return { status: 'held', detail: result.message };
    case 'denied':
      return { status: 'denied', detail: result.message };
    case 'failed':
      return { status: 'failed', detail: result.message };
    default:
      return { status: 'rejected', detail: result.message };
  }
}
