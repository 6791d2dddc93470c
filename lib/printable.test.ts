import { describe, expect, it } from 'vitest';

import { printable } from './printable.ts';

describe('printable', () => {
  it('escapes terminal control sequences from telemetry', () => {
    expect(printable('evil\u001b[2Jcmd.exe\r\n')).toBe('evil\\u{1b}[2Jcmd.exe\\u{d}\\u{a}');
  });

  it('keeps newlines when asked, still escaping the rest', () => {
    expect(printable('a\nb\u0007\u009b', { keepNewlines: true })).toBe('a\nb\\u{7}\\u{9b}');
  });

  it('leaves ordinary and non-Latin text alone', () => {
    expect(printable('C:\\Users\\maría\\Desktop — 日本')).toBe('C:\\Users\\maría\\Desktop — 日本');
  });
});
