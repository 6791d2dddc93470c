import { describe, expect, it } from 'vitest';

import { canonicalPrincipalId } from './canonical-principal-id.ts';

describe('canonicalPrincipalId', () => {
  it('folds case, surrounding white space and compatibility forms', () => {
    expect(canonicalPrincipalId('ALICE@example.com')).toBe('alice@example.com');
    expect(canonicalPrincipalId(' \tAlice@Example.COM\n')).toBe('alice@example.com');
    expect(canonicalPrincipalId('ａｌｉｃｅ@ｅｘａｍｐｌｅ.com')).toBe('alice@example.com');
    // KELVIN SIGN and the ligature "ﬁ" are other spellings of k and fi.
    expect(canonicalPrincipalId('\u212Aim.ﬁsh')).toBe('kim.fish');
    expect(canonicalPrincipalId('CaseBook-Agent')).toBe('casebook-agent');
  });

  it('is stable: the canonical form of a canonical id is itself', () => {
    for (const id of ['İstanbul', 'ǅemal', '\u00A8x', 'ẞ', 'Ωmega', 'alice@example.com']) {
      const once = canonicalPrincipalId(id);
      expect(canonicalPrincipalId(once), id).toBe(once);
    }
  });

  it('keeps look-alike letters of other scripts apart (the id pattern refuses them)', () => {
    expect(canonicalPrincipalId('\u0430lice')).not.toBe('alice');
  });
});
