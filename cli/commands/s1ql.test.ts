import { describe, expect, it } from 'vitest';
import { Config } from '../../config/config-schema.ts';
import type { Command } from '../command.ts';
import { runCommand } from '../testing/run-command.ts';
import { UsageError } from '../usage-error.ts';
import { createS1qlCommands } from './s1ql.ts';

const FILE = [
  '# hunts for the week',
  'EventType = "Process Creation" AND TgtProcCmdLine ContainsCIS "-enc"',
  '',
  'DstPort = "rdp"',
  "event.type = 'DNS Resolved' event.dns.request contains 'evil'",
].join('\n');

const config = Config.parse({});

function commands(stdin = FILE): Record<string, Command> {
  const list = createS1qlCommands({
    readStdin: async () => stdin,
    readTextFile: async (path) => {
      if (path !== 'hunts.txt') throw new Error(`ENOENT: no such file, open '${path}'`);
      return FILE;
    },
  });
  return Object.fromEntries(list.map((command) => [command.name[1], command]));
}

async function run(action: string, args: string[]) {
  const command = commands()[action];
  if (command === undefined) throw new Error(`no command ${action}`);
  return runCommand({ command, args, config });
}

describe('casebook s1ql', () => {
  it('checks one query and exits 0', async () => {
    const result = await run('check', ['EventType = "Login" AND LoginsUserName = "adm"']);
    expect(result).toEqual({ code: 0, out: 'valid S1QL 1.0\n', err: '' });
  });

  it('prints warnings with their code and position', async () => {
    const result = await run('check', ['TgtProcCmdLine ContainsCIS "-enc"']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'valid S1QL 1.0, 1 warning(s)\n' +
        '  warning unanchored-substring at line 1, column 1: ContainsCIS on TgtProcCmdLine ' +
        'scans the command line of every event; add an anchor such as EventType = ' +
        '"Process Creation" or a process name\n',
    );
  });

  it('exits 2 on an invalid query with line and column', async () => {
    const result = await run('check', ['SrcProcName Containz "x"']);
    expect(result).toEqual({
      code: 2,
      out: '',
      err:
        'invalid: line 1, column 13: unknown operator "Containz" after "SrcProcName"; ' +
        'did you mean "Contains"?\n',
    });
  });

  it('exits 2 on a list longer than Deep Visibility can run, naming the limit', async () => {
    const ones = Array.from({ length: 33_000 }, () => '1').join(',');
    const result = await run('check', [`SrcProcPID In (${ones})`]);
    expect(result).toEqual({
      code: 2,
      out: '',
      err:
        'invalid: line 1, column 64016: the query has more than 32000 values, the most one ' +
        'query can bind; split it into smaller queries\n',
    });
  });

  it('checks a file line by line, skipping blanks and comments', async () => {
    const result = await run('check', ['--file', 'hunts.txt']);
    expect(result.code).toBe(2);
    expect(result.out).toBe('valid S1QL 1.0\nvalid S1QL 2.0\n');
    expect(result.err).toBe(
      'invalid: line 4, column 11: DstPort takes a number, found "rdp"\n' +
        '3 queries, 1 invalid\n',
    );
  });

  it('reads standard input for - and reports every line in --json', async () => {
    const result = await run('check', ['--json', '-']);
    expect(result.code).toBe(2);
    const json = JSON.parse(result.out);
    expect(json).toMatchObject({ queries: 3, valid: 2, invalid: 1 });
    expect(json.results.map((item: { line: number; ok: boolean }) => [item.line, item.ok])).toEqual(
      [
        [2, true],
        [4, false],
        [5, true],
      ],
    );
    expect(json.results[1].error).toMatchObject({ line: 1, column: 11, offset: 10 });
    expect(json.results[2].dialect).toBe('s1ql-2.0');
  });

  it('formats to canonical 1.0 or to 2.0', async () => {
    const query = 'objecttype = "FILE" and tgtfilepath containscis "\\Temp\\"';
    expect((await run('format', [query])).out).toBe(
      'ObjectType = "file" AND TgtFilePath ContainsCIS "\\Temp\\"\n',
    );
    expect((await run('format', ['--to', '2.0', query])).out).toBe(
      "event.category = 'file' and tgt.file.path contains:anycase '\\\\Temp\\\\'\n",
    );
  });

  it('explains a query in plain English', async () => {
    const result = await run('explain', ['SrcProcName In Anycase ("a.exe", "b.exe")']);
    expect(result.out).toBe(
      'Events where the source process name is one of "a.exe", "b.exe" (any case).\n',
    );
  });

  it('translates with notes in --json, and refuses what 1.0 cannot spell', async () => {
    const ok = await run('translate', ['--to', '2.0', '--json', 'EventTime Between "1" AND "2"']);
    expect(JSON.parse(ok.out).results[0]).toMatchObject({
      ok: true,
      output: 'event.time >= 1 and event.time <= 2',
      notes: ['Between is written as >= and <='],
    });

    const refused = await run('translate', [
      '--to',
      '1.0',
      'src.process.cmdline contains \'f("a") and b\'',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^invalid: The value "f\(\\"a\\"\) and b" cannot be written/);
  });

  it('refuses missing or doubled input, and translate without --to', async () => {
    await expect(run('check', [])).rejects.toThrow(UsageError);
    await expect(run('check', ['a', 'b'])).rejects.toThrow('give one query (quote it');
    await expect(run('translate', ['SrcIP = "1"'])).rejects.toThrow('translate needs --to');
    await expect(run('check', ['--to', '2.0', 'SrcIP = "1"'])).rejects.toThrow(
      '--to applies to format and translate, not check',
    );
    await expect(run('check', ['--file', 'missing.txt'])).rejects.toThrow(
      'cannot read missing.txt: ENOENT',
    );
  });

  it('has a usage text for each subcommand naming its inputs', () => {
    for (const command of Object.values(commands())) {
      expect(command.usage).toContain('<query | --file <path> | ->');
      expect(command.usage).toContain('Exit status 2');
    }
  });

  it('opens each usage with the summary and lists --to among the options', () => {
    const all = commands();
    const formatLines = (all.format?.usage ?? '').split('\n');

    expect(all.explain?.usage.split('\n')[3]).toBe('Say in plain English what S1QL queries match.');
    expect(
      formatLines.indexOf('  --to <d>       1.0 (default) or 2.0: the language to write'),
    ).toBe(formatLines.indexOf('Options:') + 6);
  });
});
