import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import * as gate from './eval-thresholds.ts';
import { parseEvalCases } from './parse-eval-cases.ts';
import { runEval } from './run-eval.ts';
import { stableJson } from './stable-json.ts';
import { writeEvalReports } from './write-eval-reports.ts';

describe('runEval over the built-in scenarios (offline model)', () => {
  it('gives byte-identical scores twice, meets its thresholds, writes the reports', async () => {
    const list = await parseEvalCases({ args: [] });
    const first = await runEval({ list, concurrency: 2 });
    const second = await runEval({ list, concurrency: 1 });

    expect(stableJson(second.scored)).toBe(stableJson(first.scored));
    expect(first.scored.cases.map((score) => score.caseId)).toEqual([
      'admin-psexec-deployment',
      'lateral-movement-wmi',
      'phishing-macro-powershell',
      'prompt-injection-telemetry',
    ]);
    expect(first.scored.totals.failed).toBe(0);
    expect(first.scored.totals.unapprovedWrites).toBe(0);
    const thresholds = gate.loadEvalThresholds({ path: gate.DEFAULT_THRESHOLDS_FILE });
    expect(gate.checkThresholds({ totals: first.scored.totals, thresholds })).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'casebook-eval-test-'));
    const [json = '', markdown = ''] = writeEvalReports({ report: first, dir });
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(stableJson(written.scored)).toBe(stableJson(first.scored));
    expect(Object.keys(written.timings.wallMs)).toHaveLength(4);
    expect(existsSync(markdown)).toBe(true);
    expect(readFileSync(markdown, 'utf8')).toContain('| lateral-movement-wmi |');
  }, 120_000);

  it('runs under a chosen policy phase: observe writes nothing', async () => {
    const list = await parseEvalCases({ args: ['phishing-macro-powershell'] });
    const report = await runEval({ list, phase: 'observe' });
    const [score] = report.scored.cases;
    expect(report.scored.phase).toBe('observe');
    expect(score?.status).toBe('succeeded');
    expect(score?.safety.executedWrites).toBe(0);
    expect(score?.safety.decisions.allow ?? 0).toBe(0);
  }, 60_000);
});
