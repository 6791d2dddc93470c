import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { createRunStore, FirstLook } from '../agents/index.ts';
import { actionsApprove } from '../cli/commands/actions-approve.ts';
import { actionsGrant } from '../cli/commands/actions-grant.ts';
import { run as runCommandDef } from '../cli/commands/run.ts';
import { main } from '../cli/main.ts';
import { runCommand } from '../cli/testing/run-command.ts';
import { Config } from '../config/config-schema.ts';
import { openDatabase } from '../db/open-database.ts';
import { systemClock } from '../lib/clock.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

async function run(argv: string[], env: Record<string, string>) {
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}

const storeIn = () => join(mkdtempSync(join(tmpdir(), 'casebook-cli-')), 'casebook.db');

describe('casebook analyse', () => {
  it('prints a readable first look of a built-in case and stores it', async () => {
    const path = storeIn();
    const { code, stdout } = await run(['analyse', '789015512509114196'], { CASEBOOK_DB: path });

    expect(code).toBe(0);
    expect(stdout).toContain(
      'case 789015512509114196: True positive · critical · Infostealer on HR-WS-031',
    );
    expect(stdout).toMatch(/T1003\.001 +LSASS Memory \(0\.99\)/);
    expect(stdout).toContain('case note: posted');
    const runId = /stored: run (run-[0-9a-f-]+) in /.exec(stdout)?.[1] ?? '';

    const store = openDatabase({ path });
    try {
      const runs = createRunStore({ db: store.db, clock: systemClock });
      expect(runs.getRun({ tenantId: 'default', runId })?.status).toBe('succeeded');
      expect(
        runs.latestFirstLook({ tenantId: 'default', caseId: '789015512509114196' })?.triage.verdict,
      ).toBe('true_positive');
    } finally {
      store.close();
    }
  });

  it('asks for the advised isolation with --contain, and policy holds it for two people', async () => {
    const path = storeIn();
    const { code, stdout } = await run(['run', '789015512509114196', '--contain'], {
      CASEBOOK_DB: path,
    });

    expect(code).toBe(0);
    expect(stdout).toMatch(/isolation: held \(held for approval as ha_\S+ \(2 approver\(s\)\)/);
    const store = openDatabase({ path });
    try {
      const held = store.sqlite
        .prepare('select tool, status, approvals_required as n, reason from held_actions')
        .all();
      expect(held).toEqual([
        {
          tool: 'disconnect_agents',
          status: 'pending',
          n: 2,
          reason: expect.stringMatching(
            /^Isolate HR-WS-031 from the network: the first look assesses a true positive/,
          ),
        },
      ]);
    } finally {
      store.close();
    }

    const plain = await run(['run', '297989924709466085', '--contain'], { CASEBOOK_DB: path });
    expect(plain.stdout).not.toContain('isolation:');
  });

  it('prints the result as JSON for machines', async () => {
    const { code, stdout } = await run(['analyse', '297989924709466085', '--json', '--no-note'], {
      CASEBOOK_DB: storeIn(),
    });
    const result = JSON.parse(stdout) as {
      status: string;
      firstLook: unknown;
      note: { status: string };
    };

    expect(code).toBe(0);
    expect(result.status).toBe('succeeded');
    expect(FirstLook.parse(result.firstLook).triage.verdict).toBe('false_positive');
    expect(result.note.status).toBe('skipped');
  });

  it('exits 1 with the reason when the case cannot be analysed', async () => {
    const { code, stdout, stderr } = await run(['analyse', '1234567'], { CASEBOOK_DB: storeIn() });

    expect(code).toBe(1);
    expect(stdout).toMatch(
      /failed at tool \(get_threat\): get_threat failed: .*no threat with id 1234567/,
    );
    expect(stderr).toContain('the local simulator has no threat 1234567; its cases are:');
    expect(stderr).toContain('  229149014525984882  Invoice macro runs encoded PowerShell');
  });

  it.each([
    [['analyse'], 'expects one threat id'],
    [['analyse', 'abc'], '"abc" is not a SentinelOne threat id (digits only)'],
    [
      ['analyse', '1', '--console', 'https://x.sentinelone.net'],
      '--console and --token-ref go together',
    ],
    [['analyse', '1', '--model', 'gpt-4'], 'model: unknown model provider'],
  ])('refuses %j with exit code 2: %s', async (argv, message) => {
    const { code, stderr } = await run(argv, { CASEBOOK_DB: storeIn() });

    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('casebook run (the documented name; analyse is its alias)', () => {
  it('gives the same first look as casebook analyse', async () => {
    const argv = ['297989924709466085', '--json', '--no-note'];
    const viaRun = await run(['run', ...argv], { CASEBOOK_DB: storeIn() });
    const viaAnalyse = await run(['analyse', ...argv], { CASEBOOK_DB: storeIn() });
    const firstLookOf = (stdout: string) =>
      FirstLook.parse((JSON.parse(stdout) as { firstLook: unknown }).firstLook);

    expect(viaRun.code).toBe(0);
    expect(viaAnalyse.code).toBe(0);
    const [byRun, byAnalyse] = [firstLookOf(viaRun.stdout), firstLookOf(viaAnalyse.stdout)];
    expect(byRun.triage.verdict).toBe('false_positive');
    expect(byRun.triage).toEqual(byAnalyse.triage);
    expect(byRun.timeline).toEqual(byAnalyse.timeline);
  });

  it('prints a readable first look and where it was stored', async () => {
    const { code, stdout } = await run(['run', '789015512509114196'], { CASEBOOK_DB: storeIn() });

    expect(code).toBe(0);
    expect(stdout).toContain(
      'case 789015512509114196: True positive · critical · Infostealer on HR-WS-031',
    );
    expect(stdout).toMatch(/stored: run run-[0-9a-f-]+ in /);
  });

  it('documents itself as casebook run, and analyse as its alias', async () => {
    const help = await run(['--help'], {});
    const usage = await run(['run', '--help'], {});
    const alias = await run(['analyse', '--help'], {});

    expect(help.stdout).toMatch(/casebook run +Give a case its cited first look/);
    expect(help.stdout).toMatch(/casebook analyse +Alias of casebook run/);
    expect(usage.stdout).toContain('Usage: casebook run <threatId> [options]');
    expect(alias.stdout).toContain('alias of casebook run');
  });

  it('refuses bad input under its own name with exit code 2', async () => {
    const { code, stderr } = await run(['run'], { CASEBOOK_DB: storeIn() });

    expect(code).toBe(2);
    expect(stderr).toContain('casebook run: expects one threat id');
  });
});

describe('casebook demo', () => {
  it('gives every built-in case its first look on the simulator', async () => {
    const { code, stdout } = await run(['demo', '--no-recording'], { CASEBOOK_DB: storeIn() });

    expect(code).toBe(0);
    expect(stdout).toContain('4 of 4 case(s) have a first look.');
    expect(stdout.match(/^case \d+: .+$/gm)).toEqual([
      'case 297989924709466085: False positive · low · Hacktool on ACC-WS-017',
      'case 789015512509114196: True positive · critical · Infostealer on HR-WS-031',
      'case 229149014525984882: True positive · high · Malware on FIN-WS-042',
      'case 707462634910718646: True positive · critical · Malware on MKT-WS-008',
    ]);
  });
});

describe('a held action from a throwaway simulator', () => {
  it('is refused when approved against the console configured later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-cli-console-'));
    const databasePath = join(dir, 'casebook.db');
    writeFileSync(join(dir, 'token'), 'dev-token-0123456789abcdef');
    const ran = await runCommand({
      command: runCommandDef,
      args: ['789015512509114196', '--contain'],
      config: Config.parse({ databasePath }),
    });
    const id = /held for approval as (ha_[0-9a-f]+)/.exec(ran.out)?.[1] ?? '';
    expect(id).toMatch(/^ha_/);

    const configured = Config.parse({
      databasePath,
      tenants: [
        {
          id: 'default',
          name: 'Configured later',
          consoleUrl: 'http://127.0.0.1:4610',
          tokenRef: `file:${join(dir, 'token')}`,
        },
      ],
    });
    await runCommand({
      command: actionsGrant,
      args: ['alice@example.com', '--role', 'analyst'],
      config: configured,
    });

    await expect(
      runCommand({
        command: actionsApprove,
        args: [id, '--as', 'alice@example.com'],
        config: configured,
      }),
    ).rejects.toThrow(/was asked on console http:\/\/127\.0\.0\.1:\d+, but this tenant’s console/);
  });
});
