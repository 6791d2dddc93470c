import { describe, expect, it } from 'vitest';
import { checkS1ql } from './check-s1ql.ts';
import { measureS1qlCheck } from './measure-s1ql-check.ts';

describe('checkS1ql', () => {
  it('returns the tree with its warnings, or the error', () => {
    const good = checkS1ql('TgtProcCmdLine ContainsCIS "-enc"');
    expect(good.ok && good.warnings.map((warning) => warning.code)).toEqual([
      'unanchored-substring',
    ]);
    const bad = checkS1ql('DstPort = "rdp"');
    expect(bad.ok === false && bad.error.message).toBe(
      'line 1, column 11: DstPort takes a number, found "rdp"',
    );
  });
});

describe('measureS1qlCheck', () => {
  it('times every query on every iteration with the given clock', () => {
    let tick = 0;
    const timing = measureS1qlCheck({
      queries: ['SrcIP = "1"', 'DstPort = "x"'],
      iterations: 3,
      now: () => {
        tick += 0.5;
        return tick;
      },
    });
    expect(timing).toEqual({
      queries: 2,
      iterations: 3,
      invalid: 1,
      totalMs: 6.5,
      meanMicros: 500,
      p50Micros: 500,
      p95Micros: 500,
      maxMicros: 500,
    });
  });
});
