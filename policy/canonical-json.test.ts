import { describe, expect, it } from 'vitest';

import { canonicalHash, canonicalJson, sha256Hex } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives equal values the same hash whatever the key order', () => {
    expect(canonicalHash({ agentIds: ['1', '2'], note: 'x' })).toBe(
      canonicalHash({ note: 'x', agentIds: ['1', '2'] }),
    );
    expect(canonicalHash({ agentIds: ['1', '2'] })).not.toBe(
      canonicalHash({ agentIds: ['2', '1'] }),
    );
  });

  it('leaves out undefined properties as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('rejects values JSON would change silently, naming where they are', () => {
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('$.when is a Date, not plain JSON');
    expect(() => canonicalJson({ n: [1, Number.NaN] })).toThrow('$.n[1] is NaN, not a JSON number');
    expect(() => canonicalJson({ f: () => 1 })).toThrow(
      '$.f is a function, which JSON cannot hold',
    );
  });

  it('hashes with sha256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
