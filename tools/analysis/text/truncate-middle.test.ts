import { describe, expect, it } from 'vitest';
import { truncateMiddle } from './truncate-middle.ts';

describe('truncateMiddle', () => {
  it('leaves short text alone', () => {
    expect(truncateMiddle('cmd.exe /c whoami', 40)).toBe('cmd.exe /c whoami');
  });

  it('keeps both ends and says how much it cut, within the limit', () => {
    const cut = truncateMiddle(`C:\\Users\\ann\\${'deep\\'.repeat(40)}payload.exe`, 60);

    expect(cut).toHaveLength(60);
    expect(cut).toBe('C:\\Users\\ann\\deep\\deep\\dee … [185 chars cut] … p\\payload.exe');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateMiddle('😀'.repeat(50), 30);

    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(cut).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
