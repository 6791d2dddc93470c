import { describe, expect, it } from 'vitest';
import { prefixUpperBound } from './prefix-upper-bound.ts';

describe('prefixUpperBound', () => {
  it('increments the last character', () => {
    expect(prefixUpperBound('C:\\Users\\')).toBe('C:\\Users]');
    expect(prefixUpperBound('abc')).toBe('abd');
  });

  it('increments an astral character as one code point', () => {
    expect(prefixUpperBound('a😀')).toBe('a😁');
  });

  it('skips the surrogate range', () => {
    expect(prefixUpperBound('a\ud7ff')).toBe('a\ue000');
  });

  it('drops trailing maximal code points', () => {
    expect(prefixUpperBound('ab\u{10ffff}')).toBe('ac');
  });

  it('has no bound for a prefix of maximal code points or an empty one', () => {
    expect(prefixUpperBound('\u{10ffff}')).toBeUndefined();
    expect(prefixUpperBound('')).toBeUndefined();
  });
});
