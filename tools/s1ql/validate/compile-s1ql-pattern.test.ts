import { describe, expect, it } from 'vitest';
import { compileS1qlPattern } from './compile-s1ql-pattern.ts';

describe('compileS1qlPattern', () => {
  it('keeps a plain pattern as it is', () => {
    const result = compileS1qlPattern('-enc\\s+\\w+', { caseInsensitive: false });
    expect(result.ok && result.pattern).toEqual({ source: '-enc\\s+\\w+', flags: '' });
  });

  it('turns a leading (?i) into the i flag', () => {
    const result = compileS1qlPattern('(?i)mimikatz', { caseInsensitive: false });
    expect(result.ok && result.pattern).toEqual({ source: 'mimikatz', flags: 'i' });
    expect(result.ok && result.regexp.test('MimiKatz')).toBe(true);
  });

  it('merges inline flags with a case-insensitive operator', () => {
    const result = compileS1qlPattern('(?sm)^a.b', { caseInsensitive: true });
    expect(result.ok && result.pattern).toEqual({ source: '^a.b', flags: 'ims' });
  });

  it('accepts lookahead, which published queries use', () => {
    const result = compileS1qlPattern('powershell(?!.*-NoProfile)', { caseInsensitive: false });
    expect(result.ok).toBe(true);
  });

  it('explains an invalid pattern', () => {
    expect(compileS1qlPattern('[a-', { caseInsensitive: false })).toEqual({
      ok: false,
      reason: 'invalid regular expression: Unterminated character class',
    });
  });

  it('refuses inline flags JavaScript cannot honour', () => {
    expect(compileS1qlPattern('(?x) a', { caseInsensitive: false })).toEqual({
      ok: false,
      reason: 'the regular expression flag "x" in "(?x)" is not supported; use i, m or s',
    });
  });

  it('refuses inline flags in the middle, which JavaScript does not support', () => {
    const result = compileS1qlPattern('a(?i)b', { caseInsensitive: false });
    expect(result.ok).toBe(false);
  });
});
