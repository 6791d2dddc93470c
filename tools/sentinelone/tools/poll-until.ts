import type { Clock } from '../../../lib/clock.ts';

/**
 * Checks until the check says done or the time is up. Effects such as a network
 * isolation pass through an intermediate state on the console; one look right after
 * the call would call a working isolation unverified.
 */
export async function pollUntil<Observed>({
  clock,
  timeoutMs,
  pollMs,
  signal,
  check,
}: {
  clock: Clock;
  timeoutMs: number;
  pollMs: number;
  signal?: AbortSignal;
  check: () => Promise<{ done: boolean; observed: Observed }>;
}): Promise<{ done: boolean; observed: Observed; waitedMs: number }> {
  const started = clock.now();

  for (;;) {
    const { done, observed } = await check();
    const waitedMs = clock.now() - started;
    if (done || waitedMs >= timeoutMs) return { done, observed, waitedMs };
    await clock.sleep(Math.min(pollMs, timeoutMs - waitedMs), signal);
  }
}
