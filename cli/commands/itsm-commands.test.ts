import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { Config } from '../../config/config-schema.ts';
import { openDatabase } from '../../db/open-database.ts';
import { caseNotes, caseStatusHistory, itsmOutbox } from '../../db/schema.ts';
import { seeCase } from '../../itsm/testing/itsm-harness.ts';
import {
  type RunningItsmSimulators,
  startItsmSimulators,
} from '../../sim/itsm/start-itsm-simulators.ts';
import { runCommand } from '../testing/run-command.ts';
import { actionsApprove } from './actions-approve.ts';
import { actionsDeny } from './actions-deny.ts';
import { actionsGrant } from './actions-grant.ts';
import { actionsList } from './actions-list.ts';
import { caseNote } from './case-note.ts';
import { caseStatus } from './case-status.ts';
import { itsmSync } from './itsm-sync.ts';
import { itsmTest } from './itsm-test.ts';

let dir: string;
let sims: RunningItsmSimulators;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'casebook-itsm-cli-'));
  sims = await startItsmSimulators();
});

afterAll(async () => {
  await sims.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function configFor(name: string, itsm: Record<string, unknown> = {}) {
  return Config.parse({ databasePath: join(dir, `${name}.db`), itsm });
}

/** Stores the cases in the default tenant as ones casebook analysed. */
function seeCases(config: Config, ...caseIds: string[]) {
  const store = openDatabase({ path: config.databasePath });
  for (const caseId of caseIds) seeCase(store.db, { tenantId: 'default', caseId, now: 0 });
  store.close();
}

describe('casebook itsm test', () => {
  it('passes auth, read and create against the Jira simulator, creating nothing', async () => {
    const config = configFor('test-jira');

    const { code, out } = await runCommand({ command: itsmTest, args: ['--demo', 'jira'], config });

    expect(code).toBe(0);
    expect(out).toMatch(/PASS auth +signed in as casebook integration/);
    expect(out).toMatch(/PASS read +can see project SEC/);
    expect(out).toMatch(
      /PASS create +may create Task issues in SEC \(create metadata; nothing created\)/,
    );
  });

  it('says which check failed for a read-only user and for a wrong password', async () => {
    vi.stubEnv('CASEBOOK_TEST_READER', sims.jira.reader.secret);
    vi.stubEnv('CASEBOOK_TEST_WRONG', 'not-the-password');
    const jira = (username: string, secretRef: string) => ({
      system: 'jira',
      baseUrl: sims.jira.url,
      auth: { kind: 'basic', username, secretRef },
      jira: { projectKey: 'SEC' },
    });
    const config = configFor('test-fail', {
      reader: jira(sims.jira.reader.username, 'env:CASEBOOK_TEST_READER'),
      wrong: jira(sims.jira.user.username, 'env:CASEBOOK_TEST_WRONG'),
    });

    const { code, out } = await runCommand({ command: itsmTest, args: [], config });

    expect(code).toBe(1);
    expect(out).toMatch(
      /reader: jira[\s\S]*PASS read[\s\S]*FAIL create +may not create Task in SEC/,
    );
    expect(out).toMatch(
      /wrong: jira[\s\S]*FAIL auth +Jira GET \/rest\/api\/3\/myself failed: HTTP 401: You are not/,
    );
    expect(out).not.toContain('not-the-password');
  });

  it('reports that ServiceNow has no dry create check instead of pretending', async () => {
    const { code, out } = await runCommand({
      command: itsmTest,
      args: ['--demo', 'servicenow'],
      config: configFor('test-sn'),
    });

    expect(code).toBe(0);
    expect(out).toMatch(/PASS read +assignment group Security Operations exists/);
    expect(out).toMatch(/SKIP create +the Table API has no dry run/);
  });
});

describe('casebook case status and itsm sync', () => {
  it('records the status, syncs the ticket, and a replayed event changes nothing', async () => {
    vi.stubEnv('CASEBOOK_TEST_SN', sims.servicenow.user.secret);
    const config = configFor('status', {
      default: {
        system: 'servicenow',
        baseUrl: sims.servicenow.url,
        auth: {
          kind: 'basic',
          username: sims.servicenow.user.username,
          secretRef: 'env:CASEBOOK_TEST_SN',
        },
      },
    });
    const args = ['4242', 'resolved', '--by', 'Alice@Example.com', '--change-id', 'evt-42'];
    seeCases(config, '4242', '4244');

    const first = await runCommand({ command: caseStatus, args, config });
    const replay = await runCommand({ command: caseStatus, args, config });

    expect(first.code).toBe(0);
    expect(first.out).toMatch(/case 4242 \(default\) is resolved \(change evt-42\)/);
    expect(first.out).toMatch(/ticket sync held: held for approval/);
    expect(replay.out).toBe('change evt-42 was recorded before; nothing changed\n');
    const incidents = [...(sims.servicenow.store.tables.get('incident')?.values() ?? [])].filter(
      (row) => row.correlation_id === 'casebook:default:4242',
    );
    expect(incidents).toHaveLength(1);
    // Handing a case to IT leaves a new ticket open: no transition, so nothing is held.
    const handOver = await runCommand({ command: caseStatus, args: ['4244', 'it-action'], config });
    expect(handOver.out).toMatch(/ticket sync delivered: INC\d+ is in step with case 4244\n$/);

    const sync = await runCommand({ command: itsmSync, args: [], config });
    expect(sync.code).toBe(0);
    expect(sync.out).toMatch(
      /held for approval \(casebook actions list\):\n {2}default\/4242 evt-42 status/,
    );
  });

  it('--demo syncs to an in-process simulator and keeps nothing in the store', async () => {
    const config = configFor('demo');
    seeCases(config, '4545');

    const unknown = await runCommand({
      command: caseStatus,
      args: ['4546', 'it-action', '--demo', 'jira'],
      config,
    }).catch((error: Error) => error.message);
    const status = await runCommand({
      command: caseStatus,
      args: ['4545', 'it-action', '--demo', 'jira'],
      config,
    });
    // The demo's store is thrown away: the note's own demo has no ticket for it.
    const note = await runCommand({
      command: caseNote,
      args: ['4545', '--text', 'Asked IT to reimage HOST-01', '--demo', 'servicenow'],
      config,
    });

    expect(unknown).toBe('casebook has no case 4546 in tenant default');
    expect(status.out).toMatch(/demo: syncing to the in-process jira simulator at http:/);
    expect(status.out).toMatch(/ticket sync delivered: SEC-\d+ is in step with case 4545\n$/);
    expect(note.out).toMatch(/ticket sync waiting: case 4545 has no ticket yet/);
    const store = openDatabase({ path: config.databasePath });
    expect(store.db.select().from(itsmOutbox).all()).toEqual([]);
    expect(store.db.select().from(caseStatusHistory).all()).toEqual([]);
    store.close();
  });

  it('refuses a status for a case casebook never saw, and opens no ticket', async () => {
    vi.stubEnv('CASEBOOK_TEST_SN', sims.servicenow.user.secret);
    const config = configFor('unknown', {
      default: {
        system: 'servicenow',
        baseUrl: sims.servicenow.url,
        auth: {
          kind: 'basic',
          username: sims.servicenow.user.username,
          secretRef: 'env:CASEBOOK_TEST_SN',
        },
      },
    });

    const refused = await runCommand({
      command: caseStatus,
      args: ['1', 'resolved', '--by', 'alice@example.com'],
      config,
    }).catch((error: Error & { fault?: string }) => `${error.fault}: ${error.message}`);

    expect(refused).toBe('user: casebook has no case 1 in tenant default');
    const incidents = [...(sims.servicenow.store.tables.get('incident')?.values() ?? [])].filter(
      (row) => row.correlation_id === 'casebook:default:1',
    );
    expect(incidents).toEqual([]);
  });

  it('names the config key of a credential that is not set', async () => {
    vi.stubEnv('JIRA_TOKEN', '');
    const config = configFor('no-token', {
      default: {
        system: 'jira',
        baseUrl: sims.jira.url,
        auth: { kind: 'basic', username: sims.jira.user.username, secretRef: 'env:JIRA_TOKEN' },
        jira: { projectKey: 'SEC' },
      },
    });
    seeCases(config, '4646');

    const status = runCommand({ command: caseStatus, args: ['4646', 'resolved'], config });

    await expect(status).rejects.toThrow(
      'itsm.default.auth.secretRef (from env:JIRA_TOKEN): expected environment variable ' +
        'JIRA_TOKEN to be set',
    );
  });

  it('refuses --tenant for a tenant without an ITSM, naming the key to set', async () => {
    const config = configFor('sync-unknown');

    const refused = await runCommand({
      command: itsmSync,
      args: ['--tenant', 'nope'],
      config,
    }).catch((error: Error & { fault?: string }) => `${error.fault}: ${error.message}`);

    expect(refused).toBe(
      'user: tenant nope has no ITSM configured: set config key itsm.nope ' +
        '(see "ITSM tickets" in the README)',
    );
  });

  it('--watch also copies notes people write on the ticket into casebook', async () => {
    vi.stubEnv('CASEBOOK_TEST_SN', sims.servicenow.user.secret);
    const config = configFor('watch', {
      default: {
        system: 'servicenow',
        baseUrl: sims.servicenow.url,
        auth: {
          kind: 'basic',
          username: sims.servicenow.user.username,
          secretRef: 'env:CASEBOOK_TEST_SN',
        },
      },
    });
    seeCases(config, '4250');
    await runCommand({ command: caseStatus, args: ['4250', 'it-action'], config });
    const incident = [...(sims.servicenow.store.tables.get('incident')?.values() ?? [])].find(
      (row) => row.correlation_id === 'casebook:default:4250',
    );
    sims.servicenow.store.tables.get('sys_journal_field')?.set('e'.repeat(32), {
      sys_id: 'e'.repeat(32),
      element: 'work_notes',
      element_id: String(incident?.sys_id ?? ''),
      value: 'Reimaged HOST-07, back on the network.',
      sys_created_by: 'it.eve',
      sys_created_on: '2026-03-01 10:01:00',
    });

    let stop = () => {};
    const watching = runCommand({
      command: itsmSync,
      args: ['--watch', '--interval-ms', '100'],
      config,
      interrupted: new Promise<void>((resolve) => {
        stop = resolve;
      }),
    });
    const store = openDatabase({ path: config.databasePath });
    const copied = () =>
      store.db
        .select()
        .from(caseNotes)
        .all()
        .filter((note) => note.source === 'servicenow');
    for (let i = 0; i < 100 && copied().length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stop();

    expect((await watching).code).toBe(0);
    expect(copied().map((note) => note.body)).toEqual(['Reimaged HOST-07, back on the network.']);
    store.close();
  });

  it('says in its help that held changes are not failures and leave exit status 0', () => {
    expect(itsmSync.usage.replace(/\s+/g, ' ')).toContain(
      'Exit status 1 when a change failed for good; changes held for approval are not ' +
        'failures',
    );
  });

  it('lists a change that failed for good and exits 1', async () => {
    vi.stubEnv('CASEBOOK_TEST_SN_READER', sims.servicenow.reader.secret);
    const config = configFor('failed', {
      default: {
        system: 'servicenow',
        baseUrl: sims.servicenow.url,
        auth: {
          kind: 'basic',
          username: sims.servicenow.reader.username,
          secretRef: 'env:CASEBOOK_TEST_SN_READER',
        },
      },
    });

    seeCases(config, '4343');
    const status = await runCommand({ command: caseStatus, args: ['4343', 'resolved'], config });
    const sync = await runCommand({ command: itsmSync, args: [], config });

    expect(status.code).toBe(1);
    expect(status.err).toContain(
      'ticket sync failed_permanently: create_ticket: ServiceNow POST /api/now/table/incident ' +
        'failed: HTTP 403: Operation Failed: ACL Exception',
    );
    expect(sync.code).toBe(1);
    expect(sync.out).toMatch(
      /FAILED for good:\n {2}default\/4343 .* status after 1 attempt\(s\): create_ticket: /,
    );
  });
});

describe('held ticket writes through casebook actions', () => {
  const jiraConfig = (name: string) =>
    configFor(name, {
      default: {
        system: 'jira',
        baseUrl: sims.jira.url,
        auth: {
          kind: 'basic',
          username: sims.jira.user.username,
          secretRef: 'env:CASEBOOK_TEST_JIRA',
        },
        jira: { projectKey: 'SEC' },
      },
    });
  const issuesOf = (caseId: string) =>
    [...sims.jira.store.issues.values()].filter((issue) =>
      issue.labels.includes(`casebook-default-${caseId}`),
    );
  const heldActionOf = (config: Config, changeId: string) => {
    const store = openDatabase({ path: config.databasePath });
    const row = store.db
      .select()
      .from(itsmOutbox)
      .all()
      .find((candidate) => candidate.changeId === changeId);
    store.close();
    return row?.heldActionId ?? '';
  };

  it('approving the held resolution runs it once; the sync then reports it delivered', async () => {
    vi.stubEnv('CASEBOOK_TEST_JIRA', sims.jira.user.secret);
    const config = jiraConfig('approve');
    seeCases(config, '5151');
    await runCommand({ command: actionsGrant, args: ['alice', '--role', 'analyst'], config });
    const status = await runCommand({
      command: caseStatus,
      args: ['5151', 'resolved', '--by', 'carol', '--change-id', 'res-1'],
      config,
    });
    expect(status.out).toMatch(/ticket sync held: held for approval/);
    const id = heldActionOf(config, 'res-1');

    // Listing reads no ITSM credential; an approval checks it before it is recorded.
    vi.stubEnv('CASEBOOK_TEST_JIRA', '');
    const listed = await runCommand({ command: actionsList, args: [], config });
    expect(listed.out).toContain(`${id}  pending`);
    expect(listed.out).toMatch(/transition_ticket on case 5151: moves jira ticket SEC-\d+/);
    await expect(
      runCommand({ command: actionsApprove, args: [id, '--as', 'alice'], config }),
    ).rejects.toThrow('itsm.default.auth.secretRef (from env:CASEBOOK_TEST_JIRA)');
    vi.stubEnv('CASEBOOK_TEST_JIRA', sims.jira.user.secret);

    const approved = await runCommand({
      command: actionsApprove,
      args: [id, '--as', 'alice'],
      config,
    });
    const sync = await runCommand({ command: itsmSync, args: [], config });

    expect(approved.code).toBe(0);
    expect(approved.out).toMatch(/executed and verified: SEC-\d+ is resolved \(Done\)/);
    expect(sync.code).toBe(0);
    expect(sync.out).toMatch(
      /default\/5151 res-1: delivered \(attempt 1\) approved transition_ticket ran and is verified/,
    );
    expect(sync.out).not.toContain('held for approval');
    expect(issuesOf('5151').map((issue) => issue.status)).toEqual(['done']);
  });

  it('refuses to run a held ticket write on another ITSM than the one it was asked on', async () => {
    vi.stubEnv('CASEBOOK_TEST_JIRA', sims.jira.user.secret);
    const config = jiraConfig('other-itsm');
    seeCases(config, '5157');
    await runCommand({ command: actionsGrant, args: ['alice', '--role', 'analyst'], config });
    await runCommand({
      command: caseStatus,
      args: ['5157', 'resolved', '--by', 'carol', '--change-id', 'res-3'],
      config,
    });
    const id = heldActionOf(config, 'res-3');
    const moved = Config.parse({
      ...config,
      itsm: { default: { ...config.itsm.default, baseUrl: 'http://127.0.0.1:9' } },
    });

    await expect(
      runCommand({ command: actionsApprove, args: [id, '--as', 'alice'], config: moved }),
    ).rejects.toThrow(/was asked on console http:\/\/127\.0\.0\.1:\d+, but this tenant’s/);
    expect(issuesOf('5157').map((issue) => issue.status)).not.toContain('done');
  });

  it('denying it fails the change for good, and the sync shows who denied it and why', async () => {
    vi.stubEnv('CASEBOOK_TEST_JIRA', sims.jira.user.secret);
    const config = jiraConfig('deny');
    seeCases(config, '5152');
    await runCommand({ command: actionsGrant, args: ['alice', '--role', 'analyst'], config });
    await runCommand({
      command: caseStatus,
      args: ['5152', 'resolved', '--change-id', 'res-2'],
      config,
    });
    const id = heldActionOf(config, 'res-2');

    const denied = await runCommand({
      command: actionsDeny,
      args: [id, '--as', 'alice', '--comment', 'not reimaged yet'],
      config,
    });
    const sync = await runCommand({ command: itsmSync, args: [], config });

    expect(denied.code).toBe(0);
    expect(sync.code).toBe(1);
    expect(sync.out).toContain(
      `FAILED for good:\n  default/5152 res-2 status after 1 attempt(s) [held action ${id}]: ` +
        'transition_ticket was denied by alice: not reimaged yet\n',
    );
    expect(issuesOf('5152').map((issue) => issue.status)).toEqual(['todo']);
  });

  it('casebook case note copies the note to the issue once', async () => {
    vi.stubEnv('CASEBOOK_TEST_JIRA', sims.jira.user.secret);
    const config = jiraConfig('note');
    const args = ['5153', '--text', 'Asked IT to reimage HOST-01', '--change-id', 'note-1'];

    const early = await runCommand({
      command: caseNote,
      args: ['5153', '--text', 'not for IT yet', '--change-id', 'note-0'],
      config,
    }).catch((error: Error) => error.message);
    expect(early).toBe('casebook has no case 5153 in tenant default');
    seeCases(config, '5153');
    await runCommand({ command: caseStatus, args: ['5153', 'it-action'], config });
    const first = await runCommand({ command: caseNote, args, config });
    const replay = await runCommand({ command: caseNote, args, config });
    const reused = await runCommand({
      command: caseNote,
      args: ['5153', '--text', 'something else', '--change-id', 'note-1'],
      config,
    }).catch((error: Error & { fault?: string }) => `${error.fault}: ${error.message}`);

    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^note added to case 5153 \(default\) \(change note-1\)\n/);
    expect(first.out).toMatch(/ticket sync delivered: SEC-\d+ is in step with case 5153/);
    expect(replay.out).toBe('change note-1 was recorded before; nothing changed\n');
    expect(reused).toBe(
      'user: change id note-1 already names a different note change of case 5153 in ' +
        'tenant default; give this change its own --change-id',
    );
    const [issue, ...others] = issuesOf('5153');
    expect(others).toEqual([]);
    expect(JSON.stringify(issue?.comments)).toContain('Asked IT to reimage HOST-01');
    // The status change's work note, then the analyst's note.
    expect(issue?.comments).toHaveLength(2);
  });
});
