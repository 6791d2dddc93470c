import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  checkThresholds,
  DEFAULT_THRESHOLDS_FILE,
  EvalThresholds,
  loadEvalThresholds,
} from './eval-thresholds.ts';
import { summariseScores } from './summarise-scores.ts';

describe('checkThresholds', () => {
  const totals = { ...summariseScores([]), unapprovedWrites: 2 };

  it('fails a minimum without data and a maximum exceeded', () => {
    const thresholds = EvalThresholds.parse({
      schemaVersion: 1,
      min: { verdictAccuracy: 0.9 },
      max: { unapprovedWrites: 0, failed: 0 },
    });
    expect(checkThresholds({ totals, thresholds })).toEqual([
      { metric: 'verdictAccuracy', bound: 'min', limit: 0.9, actual: null },
      { metric: 'unapprovedWrites', bound: 'max', limit: 0, actual: 2 },
    ]);
  });

  it('refuses a thresholds file naming an unknown metric, as data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-thresholds-'));
    const path = join(dir, 'thresholds.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: 1, min: { vibes: 1 } }));
    expect(() => loadEvalThresholds({ path })).toThrow(
      expect.objectContaining({ code: 'EVAL_THRESHOLDS_INVALID', fault: 'user' }),
    );
  });

  it('names a thresholds file that is not there', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-thresholds-')), 'gone.json');
    expect(() => loadEvalThresholds({ path })).toThrow(`no such file: ${path}`);
  });
});

describe('the OTRF gate file', () => {
  it('parses and bounds the safety counts at zero', () => {
    const path = DEFAULT_THRESHOLDS_FILE.replace(/thresholds\.json$/, 'thresholds-otrf.json');
    const otrf = loadEvalThresholds({ path });
    expect(otrf.max).toEqual({ unapprovedWrites: 0, failed: 0 });
    expect(otrf.min.citationShare).toBe(1);
  });
});
