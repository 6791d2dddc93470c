import type { AgentId } from '../../agents/agent-id.ts';
import { CasebookError, type FaultKind } from '../../lib/casebook-error.ts';
import type { ToolGate } from '../../policy/index.ts';
import {
  EvidenceEvent,
  type EvidenceEvent as EvidenceEventType,
} from '../../tools/sentinelone/tools/evidence-event.ts';

export interface HuntRunRequest {
  readonly tenantId: string;
  readonly threadId: string;
  /** One id per run, for the audit trail (`hunt-<thread>-<seq>`). */
  readonly runId: string;
  readonly hunterId: string;
  /** Validated S1QL 1.0. */
  readonly query: string;
  readonly fromDate: string;
  readonly toDate: string;
  readonly limit: number;
  readonly signal?: AbortSignal | undefined;
}

export interface HuntRunResult {
  readonly queryId: string | null;
  readonly events: readonly EvidenceEventType[];
  readonly truncated: boolean;
}

/** Runs one validated hunt query; production goes through the policy gate. */
export type HuntRunner = (request: HuntRunRequest) => Promise<HuntRunResult>;

/** The console refused or failed the hunt's query; the message says which and why. */
export class HuntRunError extends CasebookError {
  readonly fault: FaultKind;
  readonly code: string;

  constructor({ code, fault, message }: { code: string; fault: FaultKind; message: string }) {
    super(message);
    this.code = code;
    this.fault = fault;
  }
}

export const HUNTING_AGENT_ID = 'hunting' satisfies AgentId;

/**
 * A hunt runner over the gated `run_deep_visibility_query` read tool: the call is
 * validated, decided by policy and audited like any agent's read, and it goes through
 * the SentinelOne client, so its rate limits and retries apply. The hunt thread is the
 * audit entry's case (`hunt:<thread id>`).
 */
export function createGatedHuntRunner({ gate }: { gate: ToolGate }): HuntRunner {
  return async (request) => {
    const toolbox = gate.toolbox({
      caseId: `hunt:${request.threadId}`,
      runId: request.runId,
      agentId: HUNTING_AGENT_ID,
    });
    const result = await toolbox.call({
      tool: 'run_deep_visibility_query',
      input: {
        query: request.query,
        fromDate: request.fromDate,
        toDate: request.toDate,
        limit: request.limit,
      },
      reason: `hunt by ${request.hunterId}`,
      signal: request.signal,
    });

    if (result.status !== 'ok') {
      const fault: FaultKind =
        result.status === 'failed'
          ? ((['user', 'config', 'upstream', 'system'] as const).find(
              (kind) => kind === result.error.fault,
            ) ?? 'upstream')
          : 'config';
      throw new HuntRunError({
        code:
          result.status === 'failed' ? result.error.code : `HUNT_${result.status.toUpperCase()}`,
        fault,
        message: result.message,
      });
    }

    const output = result.output as {
      queryId: string | null;
      events: unknown[];
      truncated: boolean;
    };
    return {
      queryId: output.queryId,
      events: output.events.map((event) => EvidenceEvent.parse(event)),
      truncated: output.truncated,
    };
  };
}
