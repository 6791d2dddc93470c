import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { main } from '../main.ts';

async function run(argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-eval-cli-'));
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (chunk) => {
    stdout += String(chunk);
  });
  const err = new PassThrough().on('data', (chunk) => {
    stderr += String(chunk);
  });
  const env = { CASEBOOK_DB: join(dir, 'casebook.db') };
  const code = await main(argv, { stdout: out, stderr: err, env });
  return { code, stdout, stderr, dir };
}

describe('casebook eval', () => {
  it('scores the built-in scenarios, writes the reports and passes the gate', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'casebook-eval-out-')), 'reports');
    const { code, stdout, stderr } = await run(['eval', '--concurrency', '4', '--out', out]);
    expect(stderr).toContain('[4] ');
    expect(stdout).toContain('verdict accuracy');
    expect(stdout).toContain('thresholds: all met');
    expect(code).toBe(0);
    expect(
      JSON.parse(readFileSync(join(out, 'eval-report.json'), 'utf8')).scored.cases,
    ).toHaveLength(4);
    expect(readFileSync(join(out, 'eval-report.md'), 'utf8')).toContain('# casebook eval');
  }, 60_000);

  it('compares two reports and exits 1 on a regression from a dropped mapping rule', async () => {
    const base = mkdtempSync(join(tmpdir(), 'casebook-eval-compare-'));
    expect((await run(['eval', '--out', join(base, 'a')])).code).toBe(0);
    const before = join(base, 'a', 'eval-report.json');
    const same = await run(['eval', 'compare', before, before]);
    expect(same.stdout).toContain('worse (0)');
    expect(same.code).toBe(0);

    // A real run without the rule that maps the scheduled task: the gate fails...
    const dropped = await run([
      'eval',
      '--drop-rule',
      'scheduled-task-create',
      '--out',
      join(base, 'b'),
    ]);
    expect(dropped.stdout).toContain('threshold missed: techniqueMicroRecall is 92.0%');
    expect(dropped.code).toBe(1);

    // ...and the comparison names the case that lost its technique.
    const broken = await run(['eval', 'compare', before, join(base, 'b', 'eval-report.json')]);
    expect(broken.stdout).toContain('phishing-macro-powershell techniqueRecall: 1 -> 0.875');
    expect(broken.code).toBe(1);
    expect((await run(['eval', 'compare', before])).code).toBe(2);
    expect((await run(['eval', '--drop-rule', 'no-such-rule'])).code).toBe(2);
  }, 60_000);

  it('exits 1 when a threshold is missed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-eval-gate-'));
    const thresholds = join(dir, 'thresholds.json');
    writeFileSync(thresholds, JSON.stringify({ schemaVersion: 1, min: { iocRecall: 0.99 } }));
    const { code, stdout } = await run([
      'eval',
      'phishing-macro-powershell',
      '--thresholds',
      thresholds,
    ]);
    expect(stdout).toContain('threshold missed: iocRecall is 90.0%, at least 99.0% required');
    expect(code).toBe(1);
  }, 60_000);

  it('refuses an unknown phase and an unknown case with exit code 2', async () => {
    expect((await run(['eval', '--phase', 'yolo'])).code).toBe(2);
    const unknown = await run(['eval', 'no-such-case']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no-such-case" is neither a built-in scenario');
    expect(unknown.stderr).toContain('prompt-injection-telemetry) nor a file\n');
  });

  it('says plainly that a case path or a report to compare does not exist', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'casebook-eval-missing-')), 'gone.json');
    const datasets = await run(['eval', 'nowhere/datasets/otrf']);
    const path = await run(['eval', missing]);
    const compare = await run(['eval', 'compare', missing, missing]);

    expect(datasets.code).toBe(2);
    expect(datasets.stderr).toBe(
      'casebook eval: no such file or folder: nowhere/datasets/otrf (if the shared datasets ' +
        'are elsewhere, set CASEBOOK_DATASETS to their folder)\n',
    );
    expect(path.stderr).toBe(`casebook eval: no such file or folder: ${missing}\n`);
    expect(compare.code).toBe(2);
    expect(compare.stderr).toBe(`casebook eval compare: no such file: ${missing}\n`);
  });
});
