import type { Clock } from '../../lib/clock.ts';
import type { AnyWriteTool, ToolCapabilities } from '../../tools/registry/define-tool.ts';
import { Verification } from '../../tools/registry/verification.ts';
import { canonicalHash } from '../canonical-json.ts';
import type { ExecutionOutcome } from '../held-actions/held-action.ts';
import { summariseError } from './summarise-error.ts';

export interface VerifyTiming {
  /** How long a verification may poll for an effect that takes time. */
  timeoutMs: number;
  pollMs: number;
}

export const DEFAULT_VERIFY_TIMING: VerifyTiming = { timeoutMs: 30_000, pollMs: 1_000 };

/**
 * Runs one write and then checks its effect. Verification runs even when the call
 * failed: a write that timed out may still have landed, and the analyst must see that.
 * A failed call stays `failed` whatever verification says; a call that returned but
 * whose effect is not observed is `executed_unverified`. Nothing here throws for the
 * tool's or the console's failures.
 */
export async function executeWrite<Caps extends ToolCapabilities>({
  tool,
  input,
  capabilities,
  clock,
  timing,
  signal,
}: {
  tool: AnyWriteTool<Caps>;
  input: unknown;
  capabilities: Caps;
  clock: Clock;
  timing: VerifyTiming;
  signal?: AbortSignal;
}): Promise<{ outcome: ExecutionOutcome; output: unknown }> {
  const started = clock.now();
  let output: unknown = null;
  let failure: unknown;

  try {
    const raw = await tool.execute(input, { ...capabilities, signal });
    const parsed = tool.output.safeParse(raw);
    if (parsed.success) output = parsed.data;
    else
      failure = new Error(
        `${tool.name} returned output its schema rejects: ${parsed.error.message}`,
      );
  } catch (error) {
    failure = error;
  }

  const verification = await verifySafely({
    tool,
    input,
    output,
    capabilities,
    clock,
    timing,
    signal,
    startedAt: started,
  });
  const durationMs = Math.max(0, clock.now() - started);

  if (failure !== undefined) {
    return {
      output: null,
      outcome: {
        status: 'failed',
        resultDigest: null,
        durationMs,
        verification,
        error: summariseError(failure),
      },
    };
  }

  return {
    output,
    outcome: {
      status: verification.verified ? 'executed_verified' : 'executed_unverified',
      resultDigest: canonicalHash(output),
      durationMs,
      verification,
      error: null,
    },
  };
}

/**
 * Asks the tool whether its effect is in place; never throws, and an answer that does not
 * fit the schema counts as not verified.
 */
export async function verifySafely<Caps extends ToolCapabilities>({
  tool,
  input,
  output,
  capabilities,
  clock,
  timing,
  signal,
  startedAt,
}: {
  tool: AnyWriteTool<Caps>;
  input: unknown;
  output: unknown;
  capabilities: Caps;
  clock: Clock;
  timing: VerifyTiming;
  signal: AbortSignal | undefined;
  startedAt: number;
}): Promise<Verification> {
  try {
    const result = await tool.verify({
      input,
      output,
      reads: capabilities.reads,
      signal,
      clock,
      startedAt,
      timeoutMs: timing.timeoutMs,
      pollMs: timing.pollMs,
    });
    const parsed = Verification.safeParse(result);
    return parsed.success
      ? parsed.data
      : { verified: false, detail: `${tool.name} returned an invalid verification` };
  } catch (error) {
    return {
      verified: false,
      detail: `verification could not run: ${summariseError(error).message}`,
    };
  }
}
