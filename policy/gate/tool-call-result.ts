import type { BlastRadius } from '../../tools/registry/blast-radius.ts';
import type { InvalidToolInput } from '../../tools/registry/invalid-tool-input.ts';
import type { ToolDescription } from '../../tools/registry/tool-registry.ts';
import type { Verification } from '../../tools/registry/verification.ts';
import type { ErrorSummary } from '../held-actions/held-action.ts';
import type { DecisionBasis } from '../policy-decision.ts';

/**
 * What a tool call returns to the model. It is always a value: a denial, a hold, bad
 * arguments and a failing console are all answers the model can read and act on.
 */
export type ToolCallResult =
  | {
      status: 'ok';
      tool: string;
      output: unknown;
      /** JSON paths in `output` holding attacker-controlled text; fence before prompting. */
      untrusted: string[];
    }
  | {
      status: 'executed_verified' | 'executed_unverified';
      tool: string;
      output: unknown;
      verification: Verification;
      message: string;
    }
  | {
      status: 'failed';
      tool: string;
      error: ErrorSummary;
      verification: Verification | null;
      message: string;
    }
  | {
      status: 'held';
      tool: string;
      heldActionId: string;
      approvalsRequired: number;
      expiresAt: number;
      preview: BlastRadius;
      message: string;
    }
  | { status: 'denied'; tool: string; basis: DecisionBasis; message: string }
  | InvalidToolInput
  | { status: 'unknown_tool'; tool: string; message: string; available: string[] };

export interface ToolCall {
  /** The tool's name, as the model gave it. */
  tool: string;
  /** The arguments, as the model gave them; validated here. */
  input: unknown;
  /** The model's stated reason, kept with the audit entry and any held action. */
  reason?: string;
  /** The agent loop's step; counted per toolbox when absent. */
  step?: number;
  signal?: AbortSignal;
}

/**
 * The only thing an agent gets: descriptions to show the model and `call`. It holds
 * no tool code and no client, so every effect goes through the gate.
 */
export interface Toolbox {
  readonly tools: readonly ToolDescription[];
  call(call: ToolCall): Promise<ToolCallResult>;
}
