import type { Clock } from '../../../lib/clock.ts';

export interface IntervalGate {
  /** Resolves once this caller may go; callers are spaced at least the interval apart. */
  pass(signal?: AbortSignal): Promise<void>;
}

/**
 * Spaces calls to an endpoint whose limit is per token, not per caller: every runner
 * sharing the client shares the gate, so concurrent DV polls still add up to the limit.
 */
export function createIntervalGate({
  clock,
  intervalMs,
}: {
  clock: Clock;
  intervalMs: number;
}): IntervalGate {
  let nextAt = Number.NEGATIVE_INFINITY;

  return {
    pass: async (signal) => {
      const now = clock.now();
      // Reserve the slot before waiting so a concurrent caller queues behind it.
      const at = Math.max(now, nextAt);
      nextAt = at + intervalMs;
      if (at > now) {
        await clock.sleep(at - now, signal);
      }
    },
  };
}
