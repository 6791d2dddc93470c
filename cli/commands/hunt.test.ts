import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { Config } from '../../config/config-schema.ts';
import { runCommand } from '../testing/run-command.ts';
import { hunt } from './hunt.ts';
import { run } from './run.ts';

const lines = (text: readonly string[]) => Readable.from(text.map((line) => `${line}\n`));

const FIRST =
  'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe", ' +
  '"net.exe")';
const ON_HOST = `${FIRST} AND EndpointName In Anycase ("FILESRV-02")`;
const DROPPED =
  'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe") ' +
  'AND EndpointName In Anycase ("FILESRV-02")';

describe('casebook hunt on piped standard input', () => {
  it('refines over three follow-ups, shows the history, promotes, and the case runs', async () => {
    const config = Config.parse({
      databasePath: join(mkdtempSync(join(tmpdir(), 'casebook-hunt-cli-')), 'casebook.db'),
    });
    const { code, out } = await runCommand({
      command: hunt,
      args: ['--hunter', 'cli-hunter'],
      config,
      stdin: lines([
        'process starts of powershell or net.exe',
        'only on FILESRV-02',
        'drop net.exe',
        'last two hours',
        ':history',
        ':promote Admin tools on the file server',
        ':quit',
      ]),
    });

    expect(code).toBe(0);
    const queries = out.split('\n').filter((line) => line.startsWith('query'));
    expect(queries).toEqual([
      `query: ${FIRST}`,
      `query (refined): ${ON_HOST}`,
      `query (refined): ${DROPPED}`,
      `query (refined): ${DROPPED}`,
    ]);
    expect(out).toContain('window: last two hours; limit 200');
    expect(out).toMatch(/> :history\n(?:.*\n)*? {2}\d+ hunter +only on FILESRV-02/);
    const caseId = /promoted to case (hunt-ht-[0-9a-f-]+): 4 queries/.exec(out)?.[1];
    expect(caseId).toBeDefined();

    const analysed = await runCommand({ command: run, args: [caseId ?? '', '--json'], config });
    const result = JSON.parse(analysed.out) as {
      status: string;
      firstLook: { caseId: string; triage: { affectedEndpoints: { name: string }[] } };
      note: { status: string };
    };
    expect(analysed.code).toBe(0);
    expect(result.status).toBe('succeeded');
    expect(result.firstLook.caseId).toBe(caseId);
    expect(result.firstLook.triage.affectedEndpoints.map((e) => e.name)).toContain('FILESRV-02');
    expect(result.note.status).toBe('skipped');
  }, 60_000);
});
