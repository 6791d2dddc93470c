import { describe, expect, it } from 'vitest';
import { MAX_S1QL_PATTERN_LENGTH } from '../s1ql-limits.ts';
import { compileS1qlPattern } from './compile-s1ql-pattern.ts';

const RE2_HINT = 'RegExp patterns must use RE2 syntax';

describe('compileS1qlPattern', () => {
  it('keeps a plain pattern as it is', () => {
    const result = compileS1qlPattern('-enc\\s+\\w+', { caseInsensitive: false });
    expect(result.ok && result.pattern).toEqual({ source: '-enc\\s+\\w+', flags: '' });
  });

  it('honours a leading (?i), which RE2 reads itself', () => {
    const result = compileS1qlPattern('(?i)mimikatz', { caseInsensitive: false });
    expect(result.ok && result.pattern).toEqual({ source: '(?i)mimikatz', flags: '' });
    expect(result.ok && result.regexp.test('MimiKatz')).toBe(true);
  });

  it('merges inline flags with a case-insensitive operator', () => {
    const result = compileS1qlPattern('(?sm)^a.b', { caseInsensitive: true });
    expect(result.ok && result.pattern).toEqual({ source: '(?sm)^a.b', flags: 'i' });
    expect(result.ok && result.regexp.test('x\nA\nb')).toBe(true);
  });

  it('refuses lookahead, which RE2 cannot match in linear time', () => {
    expect(compileS1qlPattern('powershell(?!.*-NoProfile)', { caseInsensitive: false })).toEqual({
      ok: false,
      reason: `invalid regular expression: RE2 has no lookahead ("(?!"); ${RE2_HINT}`,
    });
  });

  it.each([
    ['lookbehind', '(?<!cmd)\\.exe', 'RE2 has no lookbehind ("(?<!")'],
    ['a backreference', '(\\w)\\1', 'RE2 has no backreferences ("\\1")'],
    ['an atomic group', '(?>a+)b', 'RE2 has no atomic groups ("(?>")'],
    ['a possessive quantifier', 'a++b', 'RE2 has no possessive quantifiers ("++")'],
  ])('names %s as what RE2 does not support', (_name, text, detail) => {
    expect(compileS1qlPattern(text, { caseInsensitive: false })).toEqual({
      ok: false,
      reason: `invalid regular expression: ${detail}; ${RE2_HINT}`,
    });
  });

  it('explains an invalid pattern', () => {
    expect(compileS1qlPattern('[a-', { caseInsensitive: false })).toEqual({
      ok: false,
      reason: `invalid regular expression: missing closing ]: "[a-"; ${RE2_HINT}`,
    });
  });

  it('refuses inline flags RE2 does not know', () => {
    expect(compileS1qlPattern('(?x) a', { caseInsensitive: false })).toEqual({
      ok: false,
      reason:
        'invalid regular expression: RE2 has no flag "x" (in "(?x"), only i, m, s and U; ' +
        RE2_HINT,
    });
  });

  it('accepts inline flags in the middle, as RE2 does', () => {
    const result = compileS1qlPattern('a(?i)b', { caseInsensitive: false });
    expect(result.ok && result.regexp.test('aB')).toBe(true);
    expect(result.ok && result.regexp.test('AB')).toBe(false);
  });

  it('refuses a pattern longer than the limit', () => {
    const long = 'a'.repeat(MAX_S1QL_PATTERN_LENGTH + 1);
    expect(compileS1qlPattern(long, { caseInsensitive: false })).toEqual({
      ok: false,
      reason: 'the regular expression is 1001 characters long; at most 1000 are allowed',
    });
    const longest = compileS1qlPattern(long.slice(1), { caseInsensitive: false });
    expect(longest.ok).toBe(true);
  });

  it('refuses a pattern whose program is too large to match quickly', () => {
    expect(compileS1qlPattern('(?i)(\\w|\\pL){999}z', { caseInsensitive: false })).toEqual({
      ok: false,
      reason:
        'the regular expression is too complex to match quickly; ' +
        'use fewer or smaller repetition counts',
    });
  });

  it('matches the backtracking bomb ^(.|.)*!!!$ over a long value', () => {
    const result = compileS1qlPattern('^(.|.)*!!!$', { caseInsensitive: false });
    const long = 'a'.repeat(1_000_000);
    expect(result.ok && result.regexp.test(long)).toBe(false);
    expect(result.ok && result.regexp.test(`${long}!!!`)).toBe(true);
  });
});
