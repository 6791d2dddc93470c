import type { Clock } from '../../../lib/clock.ts';

/** Ids count milliseconds from here, like the console's 18-19 digit snowflakes. */
const EPOCH_MS = Date.UTC(2015, 0, 1);
const SEQUENCE_BITS = 22n;

export interface IdGenerator {
  /** A new int64 id as a decimal string, greater than every id it handed out before. */
  next(): string;
}

/**
 * `floor` is the largest id already stored, so a reopened file store never hands out an
 * id twice even when the injected clock starts earlier than the last run.
 */
export function createIdGenerator({
  clock,
  floor = 0n,
}: {
  clock: Clock;
  floor?: bigint;
}): IdGenerator {
  let last = floor;

  return {
    next() {
      const fromClock = BigInt(Math.max(0, clock.now() - EPOCH_MS)) << SEQUENCE_BITS;
      last = fromClock > last ? fromClock : last + 1n;
      return last.toString();
    },
  };
}
