/** Time as the code sees it; injected so tests can move it by hand. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told to. `sleep` advances time immediately, so code
 * that backs off or polls runs instantly and the total wait can be asserted.
 */
export function createManualClock(start = Date.UTC(2026, 0, 1)): Clock & {
  advance(ms: number): void;
  slept: number[];
} {
  let current = start;
  const slept: number[] = [];

  return {
    now: () => current,
    sleep: async (ms) => {
      slept.push(ms);
      current += ms;
    },
    advance: (ms) => {
      current += ms;
    },
    slept,
  };
}

/**
 * A clock that reads `clock` as if it were `startAt` when this was called, and runs on
 * from there: replayed telemetry gets a "now" of its own while waits stay real.
 */
export function clockStartingAt(clock: Clock, startAt: number): Clock {
  const offset = clock.now() - startAt;

  return { now: () => clock.now() - offset, sleep: (ms, signal) => clock.sleep(ms, signal) };
}
