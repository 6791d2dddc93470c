import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { foldS1qlCase } from './fold-s1ql-case.ts';

describe('foldS1qlCase', () => {
  it('folds ASCII to lower case', () => {
    expect(foldS1qlCase('C:\\Windows\\PowerShell.EXE')).toBe('c:\\windows\\powershell.exe');
  });

  it('folds accented Latin, Cyrillic and Greek the way it folds ASCII', () => {
    expect(foldS1qlCase('ÉCOLE.EXE')).toBe(foldS1qlCase('école.exe'));
    expect(foldS1qlCase('ПРИВЕТ')).toBe('привет');
    expect(foldS1qlCase('ΣΟΦΟΣ')).toBe(foldS1qlCase('σοφος'));
  });

  it('puts the Kelvin sign with k, long s with s and capital sharp s with ß', () => {
    expect(foldS1qlCase('\u212aERNEL')).toBe('kernel');
    expect(foldS1qlCase('ſvchost')).toBe('svchost');
    expect(foldS1qlCase('STRAẞE')).toBe('straße');
  });

  it('keeps dotless and dotted i apart from i, as simple folding does', () => {
    expect(foldS1qlCase('ı')).toBe('ı');
    expect(foldS1qlCase('İ')).toBe('İ');
  });

  it('keeps every character one character, astral ones included', () => {
    for (const text of ['ß', 'İ', 'ŉ', '𐐀𐐨', '😀x']) {
      expect([...foldS1qlCase(text)].length).toBe([...text].length);
    }
    expect(foldS1qlCase('𐐀')).toBe('𐐨');
  });

  it('agrees with RE2 case-insensitive matching for every cased character', () => {
    const disagreements: string[] = [];
    for (let code = 0x80; code <= 0x10ffff; code += 1) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (char.toLowerCase() === char && char.toUpperCase() === char) continue;

      const folded = foldS1qlCase(char);
      const re2 = RE2JS.compile(RE2JS.quote(char), RE2JS.CASE_INSENSITIVE);
      const variants = [char.toLowerCase(), char.toUpperCase()].filter((variant) =>
        re2.matches(variant),
      );
      const consistent = variants.every((variant) => foldS1qlCase(variant) === folded);
      if (!re2.matches(folded) || !consistent) disagreements.push(code.toString(16));
    }
    expect(disagreements).toEqual([]);
  });
});
