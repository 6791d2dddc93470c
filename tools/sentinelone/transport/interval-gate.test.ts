import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../lib/clock.ts';
import { createIntervalGate } from './interval-gate.ts';

/** A clock that records waits but only moves when the test moves it. */
function frozenClock(start: number) {
  let now = start;
  const waits: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { clock, waits, set: (at: number) => (now = at) };
}

describe('createIntervalGate', () => {
  it('lets the first caller through without waiting', async () => {
    const { clock, waits } = frozenClock(5000);

    await createIntervalGate({ clock, intervalMs: 1000 }).pass();

    expect(waits).toEqual([]);
  });

  it('queues callers arriving together one interval apart', async () => {
    const { clock, waits } = frozenClock(0);
    const gate = createIntervalGate({ clock, intervalMs: 1000 });

    await Promise.all([gate.pass(), gate.pass(), gate.pass()]);

    expect(waits).toEqual([1000, 2000]);
  });

  it('waits only for what is left of the interval', async () => {
    const { clock, waits, set } = frozenClock(0);
    const gate = createIntervalGate({ clock, intervalMs: 1000 });

    await gate.pass();
    set(400);
    await gate.pass();
    set(5000);
    await gate.pass();

    expect(waits).toEqual([600]);
  });
});
