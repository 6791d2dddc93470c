import { describe, expect, it } from 'vitest';
import { RULE_LIBRARY } from './rule-library.ts';
import { TECHNIQUES } from './technique-catalog.ts';

describe('RULE_LIBRARY', () => {
  it('holds at least forty rules with unique kebab-case ids', () => {
    const ids = RULE_LIBRARY.map((rule) => rule.id);

    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
  });

  it('maps only to techniques the offline catalogue knows', () => {
    expect(RULE_LIBRARY.map((rule) => rule.technique).filter((id) => !(id in TECHNIQUES))).toEqual(
      [],
    );
  });

  it('gives every rule a title and a confidence between 0 and 1', () => {
    const bad = RULE_LIBRARY.filter(
      (rule) => rule.title.length < 10 || !(rule.confidence > 0 && rule.confidence <= 1),
    );

    expect(bad.map((rule) => rule.id)).toEqual([]);
  });

  it('keeps no technique in the catalogue that no rule uses', () => {
    const used = new Set(RULE_LIBRARY.map((rule) => rule.technique));

    expect(Object.keys(TECHNIQUES).filter((id) => !used.has(id))).toEqual([]);
  });
});
