import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../lib/clock.ts';
import { createIdGenerator } from './snowflake-ids.ts';

describe('createIdGenerator', () => {
  it('hands out 19-digit ids that grow even when the clock stands still', () => {
    const ids = createIdGenerator({ clock: createManualClock(Date.UTC(2026, 0, 1)) });
    const first = ids.next();
    const second = ids.next();
    expect(first).toMatch(/^\d{19}$/);
    expect(BigInt(second) - BigInt(first)).toBe(1n);
  });

  it('follows the clock when it moves on', () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1));
    const ids = createIdGenerator({ clock });
    const before = BigInt(ids.next());
    clock.advance(1_000);
    expect(BigInt(ids.next()) - before).toBe(1_000n << 22n);
  });

  it('never goes below the floor of stored ids', () => {
    const floor = 9_000_000_000_000_000_000n;
    const ids = createIdGenerator({ clock: createManualClock(Date.UTC(2026, 0, 1)), floor });
    expect(ids.next()).toBe('9000000000000000001');
  });
});
