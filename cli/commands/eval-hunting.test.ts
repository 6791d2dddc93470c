import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { Config } from '../../config/config-schema.ts';
import { runCommand } from '../testing/run-command.ts';
import { evalCommand } from './eval.ts';
import { evalHunting } from './eval-hunting.ts';

const config = Config.parse({ databasePath: ':memory:' });

describe('casebook eval --hunting', () => {
  it('runs the hunting eval from the eval command, with its own options', async () => {
    const out = mkdtempSync(join(tmpdir(), 'casebook-eval-hunting-'));
    const { code, out: text } = await runCommand({
      command: evalCommand,
      args: ['--hunting', '--out', out],
      config,
    });

    expect(code).toBe(0);
    expect(text).toMatch(/^hunting eval \(offline\): \d+ of \d+ questions scored/);
    expect(text).toMatch(/ {2}validity {8}\d+\.\d%/);
    const report = JSON.parse(readFileSync(join(out, 'hunting-eval-report.json'), 'utf8')) as {
      translator: string;
      totals: { questions: number };
    };
    expect(report.translator).toBe('offline');
    expect(report.totals.questions).toBeGreaterThanOrEqual(60);
  }, 60_000);

  it('gives the same totals as casebook eval hunting', async () => {
    const flag = await runCommand({ command: evalCommand, args: ['--hunting', '--json'], config });
    const word = await runCommand({ command: evalHunting, args: ['--json'], config });

    expect(flag.code).toBe(0);
    expect(word.code).toBe(0);
    expect(JSON.parse(flag.out).totals).toEqual(JSON.parse(word.out).totals);
  }, 60_000);
});
