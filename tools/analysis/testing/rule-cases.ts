import { expect, it } from 'vitest';
import { matchRules } from '../attack/match-rules.ts';
import type { AnyRule } from '../attack/technique-rule.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';

/** An event a rule must match and a close look-alike it must not, with any events before them. */
export interface RuleCase {
  rule: string;
  fires: EvidenceEvent;
  quiet: EvidenceEvent;
  context?: EvidenceEvent[];
}

/**
 * Registers one test per case and one that the cases cover every rule of the group, so
 * a rule added without a test fails the suite.
 */
export function testRuleCases(rules: readonly AnyRule[], cases: readonly RuleCase[]): void {
  it('has a firing and a quiet case for every rule', () => {
    expect([...new Set(cases.map((c) => c.rule))].sort()).toEqual(rules.map((r) => r.id).sort());
  });

  for (const { rule: id, fires, quiet, context = [] } of cases) {
    const rule = rules.find((candidate) => candidate.id === id);
    it(`${id} fires on its case and stays quiet on the look-alike`, () => {
      expect(rule, `no rule ${id}`).toBeDefined();
      const only = [rule as AnyRule];
      expect(matchRules([...context, fires], only).flatMap((m) => m.eventIds)).toEqual([fires.id]);
      expect(matchRules([...context, quiet], only)).toEqual([]);
    });
  }
}
