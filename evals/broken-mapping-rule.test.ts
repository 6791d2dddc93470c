import { describe, expect, it } from 'vitest';

import { RULE_LIBRARY } from '../tools/analysis/attack/rule-library.ts';
import { isAggregateRule } from '../tools/analysis/attack/technique-rule.ts';
import { compareEvalReports } from './compare-eval-reports.ts';
import { checkThresholds, DEFAULT_THRESHOLDS_FILE, loadEvalThresholds } from './eval-thresholds.ts';
import { parseEvalCases } from './parse-eval-cases.ts';
import { runEval } from './run-eval.ts';

/** The rule that alone maps the phishing case's scheduled task to T1053.005. */
const BROKEN_RULE = 'scheduled-task-create';

describe('a deliberately broken ATT&CK mapping rule', () => {
  it('shows as a regression on its case and fails the gate', async () => {
    // A predicate that stopped matching: the rule is still there, it just never fires.
    const broken = RULE_LIBRARY.map((rule) =>
      rule.id === BROKEN_RULE && !isAggregateRule(rule) ? { ...rule, match: () => false } : rule,
    );
    expect(broken.some((rule, i) => rule !== RULE_LIBRARY[i])).toBe(true);

    const list = await parseEvalCases({ args: [] });
    const [before, after] = [
      await runEval({ list }),
      await runEval({ list, techniqueRules: broken }),
    ];
    const worse = compareEvalReports({ before, after }).changes.filter(
      (change) => change.direction === 'worse',
    );

    expect(worse).toContainEqual({
      caseId: 'phishing-macro-powershell',
      metric: 'techniqueRecall',
      before: 1,
      after: 0.875,
      direction: 'worse',
    });
    expect(new Set(worse.map((change) => change.caseId))).toEqual(
      new Set(['(totals)', 'phishing-macro-powershell']),
    );
    const phishing = after.scored.cases.find((s) => s.caseId === 'phishing-macro-powershell');
    expect(phishing?.techniques.predictedIds).not.toContain('T1053.005');

    const thresholds = loadEvalThresholds({ path: DEFAULT_THRESHOLDS_FILE });
    expect(checkThresholds({ totals: before.scored.totals, thresholds })).toEqual([]);
    expect(checkThresholds({ totals: after.scored.totals, thresholds })).toContainEqual({
      metric: 'techniqueMicroRecall',
      bound: 'min',
      limit: 0.95,
      actual: 0.92,
    });
  }, 120_000);
});
