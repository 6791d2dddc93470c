import { describe, expect, it } from 'vitest';
import { editDistance, suggestClosest } from './suggest-closest.ts';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('suggestClosest', () => {
  const names = ['SrcProcName', 'TgtProcName', 'SrcProcCmdLine', 'TgtProcCmdLine', 'DstIP'];

  it('ranks by distance, case-insensitively', () => {
    expect(suggestClosest('srcprocnam', names, { limit: 2 })).toEqual([
      'SrcProcName',
      'TgtProcName',
    ]);
  });

  it('ranks names containing the input first when asked', () => {
    expect(suggestClosest('CmdLine', names, { limit: 2, preferContaining: true })).toEqual([
      'SrcProcCmdLine',
      'TgtProcCmdLine',
    ]);
  });

  it('drops candidates beyond the distance limit', () => {
    expect(suggestClosest('zzzz', names, { limit: 3, maxDistance: 2 })).toEqual([]);
  });
});
