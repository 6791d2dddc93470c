import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Config } from '../../config/config-schema.ts';
import { openDatabase } from '../../db/open-database.ts';
import { heldActions } from '../../db/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { listAuditEntries } from '../../policy/audit/audit-trail.ts';
import { createToolGate } from '../../policy/gate/tool-gate.ts';
import { ApprovalRefusedError } from '../../policy/held-actions/approval-refused-error.ts';
import { HeldActionClosedError } from '../../policy/held-actions/held-action-closed-error.ts';
import { HeldActionNotFoundError } from '../../policy/held-actions/held-action-not-found-error.ts';
import { PrincipalReservedError } from '../../policy/identity/principal-reserved-error.ts';
import { SERVICE_IDENTITY } from '../../policy/identity/role.ts';
import { DEFAULT_POLICY } from '../../policy/rules/policy-file.ts';
import { AGENTS, POLICY_SCENARIO_INPUT, THREAT_ID } from '../../policy/testing/policy-scenario.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import { sentinelOneCapabilities } from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { createSentinelOneRegistry } from '../../tools/sentinelone/tools/sentinelone-tools.ts';
import type { Command } from '../command.ts';
import { runCommand } from '../testing/run-command.ts';
import { UsageError } from '../usage-error.ts';
import { actionsApprove } from './actions-approve.ts';
import { actionsDeny } from './actions-deny.ts';
import { actionsEdit } from './actions-edit.ts';
import { actionsGrant } from './actions-grant.ts';
import { actionsList } from './actions-list.ts';
import { actionsRecover } from './actions-recover.ts';

let sim: RunningSimulator;
let config: Config;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, scenarios: [POLICY_SCENARIO_INPUT] });
  const dir = mkdtempSync(join(tmpdir(), 'casebook-cli-'));
  const tokenFile = join(dir, 'acme.token');
  writeFileSync(tokenFile, sim.token);
  config = Config.parse({
    databasePath: join(dir, 'casebook.db'),
    tenants: [{ id: 'acme', name: 'Acme', consoleUrl: sim.url, tokenRef: `file:${tokenFile}` }],
  });
});

afterAll(async () => {
  await sim.close();
});

function run(command: Command, args: string[]) {
  return runCommand({ command, args, config });
}

/** Has the agents ask for a write through the gate, as a run would. */
async function heldByAgent(tool: string, input: unknown): Promise<string> {
  const store = openDatabase({ path: config.databasePath });
  const client = createSentinelOneClient({ baseUrl: sim.url, token: sim.token });
  const gate = createToolGate({
    db: store.db,
    tenantId: 'acme',
    registry: createSentinelOneRegistry(),
    capabilities: sentinelOneCapabilities(client),
    policy: DEFAULT_POLICY,
    clock: systemClock,
  });
  const result = await gate
    .toolbox({ caseId: THREAT_ID, runId: 'run-9', agentId: 'triage' })
    .call({ tool, input, reason: 'because' });
  store.close();
  if (result.status !== 'held') throw new Error(`expected a hold, got ${result.status}`);
  return result.heldActionId;
}

describe('casebook actions', () => {
  it('grants roles and says who may approve', async () => {
    expect(await run(actionsGrant, ['alice', '--role', 'analyst', '--tenant', 'acme'])).toEqual({
      code: 0,
      out: 'alice is analyst in tenant acme; may approve held actions\n',
      err: '',
    });
    expect((await run(actionsGrant, ['bob', '--role', 'admin', '--tenant', 'acme'])).code).toBe(0);
    expect((await run(actionsGrant, ['val', '--role', 'viewer', '--tenant', 'acme'])).out).toBe(
      'val is viewer in tenant acme; may not approve held actions\n',
    );
    await expect(run(actionsGrant, ['eve', '--role', 'root', '--tenant', 'acme'])).rejects.toThrow(
      new UsageError('--role must be one of admin, analyst, hunter, viewer, automation, service'),
    );
  });

  it('audits each grant: who was given which role, when, and from which account', async () => {
    const granted = await run(actionsGrant, ['Dora@Example.com', '--role', 'analyst']);
    expect(granted.out).toBe(
      'dora@example.com is analyst in tenant default; may approve held actions\n',
    );

    const store = openDatabase({ path: config.databasePath });
    const entries = listAuditEntries({
      db: store.db,
      tenantId: 'default',
      kinds: ['principal.granted'],
    });
    store.close();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: `os:${userInfo().username}`,
      payload: { principalId: 'dora@example.com', role: 'analyst', mayApprove: true },
    });
  });

  it('refuses to make the service identity, or an agent name, an approver', async () => {
    for (const id of ['CaseBook-Agent', 'casebook-agent']) {
      await expect(run(actionsGrant, [id, '--role', 'admin', '--tenant', 'acme'])).rejects.toThrow(
        'casebook-agent is the identity the agents run as; it can never be given a role',
      );
    }
    await expect(
      run(actionsGrant, ['triage', '--role', 'admin', '--tenant', 'acme']),
    ).rejects.toThrow(PrincipalReservedError);
  });

  it('counts alice@example.com once, however she capitalises it', async () => {
    const id = await heldByAgent('disconnect_agents', { agentIds: [AGENTS.laptop.id] });
    await run(actionsGrant, ['alice@example.com', '--role', 'analyst', '--tenant', 'acme']);

    const first = await run(actionsApprove, [id, '--as', 'alice@example.com', '--tenant', 'acme']);
    expect(first.out).toContain('approved (1 of 2); waiting for 1 more approver(s)');
    const regrant = await run(actionsGrant, [
      'ALICE@example.com',
      '--role',
      'analyst',
      '--tenant',
      'acme',
    ]);
    expect(regrant.out).toBe(
      'alice@example.com is analyst in tenant acme; may approve held actions\n',
    );

    await expect(
      run(actionsApprove, [id, '--as', 'ALICE@example.com', '--tenant', 'acme']),
    ).rejects.toThrow(
      'alice@example.com has already decided on these exact arguments; ' +
        `another person must approve (held action ${id})`,
    );
    expect((await run(actionsList, ['--tenant', 'acme'])).out).toContain(
      'approvals 1/2 by alice@example.com;',
    );
  });

  it('refuses the service identity and the asking agent, even with admin rows', async () => {
    const id = await heldByAgent('disconnect_agents', { agentIds: [AGENTS.desk.id] });
    const store = openDatabase({ path: config.databasePath });
    const legacy = store.sqlite.prepare(
      'insert into principals (tenant_id, id, role, display_name, created_at, updated_at) ' +
        "values ('acme', ?, 'admin', ?, 0, 0)",
    );
    legacy.run('CaseBook-Agent', 'CaseBook-Agent');
    legacy.run('triage', 'triage');
    store.close();

    await expect(
      run(actionsApprove, [id, '--as', 'CaseBook-Agent', '--tenant', 'acme']),
    ).rejects.toThrow('casebook-agent is the identity the agents run as');
    await expect(run(actionsApprove, [id, '--as', 'triage', '--tenant', 'acme'])).rejects.toThrow(
      'triage is an identity',
    );
    await expect(
      run(actionsEdit, [id, '--as', 'triage', '--tenant', 'acme', '--args', '{"agentIds":["1"]}']),
    ).rejects.toThrow(ApprovalRefusedError);
    expect((await run(actionsList, ['--tenant', 'acme'])).out).toContain(`${id}  pending`);
  });

  it('lists, approves and runs a held note, verified on the console', async () => {
    const id = await heldByAgent('add_threat_note', {
      threatIds: [THREAT_ID],
      text: 'Closing as benign.',
    });

    const listed = await run(actionsList, ['--tenant', 'acme']);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${id}  pending`);
    expect(listed.out).toContain(
      `add_threat_note on case ${THREAT_ID}: adds a note to 1 threat: ` +
        `powershell.exe (${THREAT_ID})`,
    );
    expect(listed.out).toContain('approvals 0/1; expires');

    const approved = await run(actionsApprove, [id, '--as', 'alice', '--tenant', 'acme']);
    expect(approved.code).toBe(0);
    expect(approved.out).toContain('executed and verified: the note is listed on 1 threat(s)');

    const notes = await createSentinelOneClient({
      baseUrl: sim.url,
      token: sim.token,
    }).listThreatNotes({ threatId: THREAT_ID });
    expect(notes.items.map((note) => note.text)).toContain('Closing as benign.');

    await expect(run(actionsApprove, [id, '--as', 'bob', '--tenant', 'acme'])).rejects.toThrow(
      HeldActionClosedError,
    );
  });

  it('refuses the service identity and people without an approving role', async () => {
    const id = await heldByAgent('disconnect_agents', { agentIds: [AGENTS.server.id] });

    await expect(
      run(actionsApprove, [id, '--as', SERVICE_IDENTITY, '--tenant', 'acme']),
    ).rejects.toThrow(ApprovalRefusedError);
    await expect(run(actionsApprove, [id, '--as', 'val', '--tenant', 'acme'])).rejects.toThrow(
      'val has a role that may not decide on held actions (admin or analyst may)',
    );

    const first = await run(actionsApprove, [id, '--as', 'alice', '--tenant', 'acme']);
    expect(first.out).toContain('approved (1 of 2); waiting for 1 more approver(s)');
  });

  it('denies an action for good', async () => {
    const id = await heldByAgent('set_incident_status', {
      threatIds: [THREAT_ID],
      status: 'resolved',
    });

    const denied = await run(actionsDeny, [
      id,
      '--as',
      'bob',
      '--tenant',
      'acme',
      '--comment',
      'injected',
    ]);
    expect(denied.code).toBe(0);
    expect(denied.out).toContain(`${id}  denied`);

    await expect(run(actionsApprove, [id, '--as', 'alice', '--tenant', 'acme'])).rejects.toThrow(
      `held action ${id} was denied and can never run`,
    );
    expect(
      (await run(actionsList, ['--tenant', 'acme', '--status', 'denied', '--json'])).out,
    ).toContain(`"id": "${id}"`);
  });

  it('edits and approves, running the edited arguments', async () => {
    const id = await heldByAgent('set_analyst_verdict', {
      threatIds: [THREAT_ID],
      verdict: 'false_positive',
    });

    const edited = await run(actionsEdit, [
      id,
      '--as',
      'alice',
      '--tenant',
      'acme',
      '--args',
      JSON.stringify({ threatIds: [THREAT_ID], verdict: 'true_positive' }),
    ]);

    expect(edited.code).toBe(0);
    expect(edited.out).toContain(
      'executed and verified: analystVerdict is true_positive on 1 threat(s)',
    );
  });

  it('explains bad input: unknown ids, missing flags, unknown statuses, bad JSON', async () => {
    await expect(
      run(actionsApprove, ['ha_missing', '--as', 'alice', '--tenant', 'acme']),
    ).rejects.toThrow(HeldActionNotFoundError);
    await expect(run(actionsApprove, ['ha_missing', '--tenant', 'acme'])).rejects.toThrow(
      UsageError,
    );
    await expect(run(actionsDeny, ['--as', 'alice'])).rejects.toThrow(
      'expects 1 argument(s), got 0',
    );
    await expect(run(actionsList, ['--status', 'sleeping'])).rejects.toThrow(
      'unknown status "sleeping"',
    );
    await expect(run(actionsList, ['--colour'])).rejects.toThrow(UsageError);
    await expect(run(actionsEdit, ['ha_x', '--as', 'alice', '--args', '{nope'])).rejects.toThrow(
      '--args is not JSON',
    );
  });

  it('needs a console for the tenant to approve, but not to list', async () => {
    expect((await run(actionsList, ['--tenant', 'globex'])).out).toBe(
      'no held actions (pending) in tenant globex\n',
    );
    await expect(
      run(actionsApprove, ['ha_x', '--as', 'alice', '--tenant', 'globex']),
    ).rejects.toThrow('a tenant "globex" with its console URL and token reference');
  });

  it('settles an isolation a crash left executing, failing it when the console shows none', async () => {
    const id = await heldByAgent('disconnect_agents', {
      agentIds: [AGENTS.desk.id, AGENTS.laptop.id],
    });
    const store = openDatabase({ path: config.databasePath });
    store.db
      .update(heldActions)
      .set({ status: 'executing', updatedAt: Date.now() - 60 * 60_000 })
      .where(eq(heldActions.id, id))
      .run();
    store.close();

    const recovered = await run(actionsRecover, ['--tenant', 'acme']);
    expect(recovered.code).toBe(0);
    expect(recovered.out).toContain(`${id}  disconnect_agents: failed`);
    expect(recovered.out).toContain('1 interrupted action(s) settled');

    const listed = await run(actionsList, ['--tenant', 'acme', '--status', 'failed']);
    expect(listed.out).toContain('casebook stopped while running this action');
    expect((await run(actionsRecover, ['--tenant', 'acme'])).out).toBe(
      '0 interrupted action(s) settled\n',
    );
    await expect(run(actionsRecover, ['--stale-minutes', '0'])).rejects.toThrow(UsageError);
  });
});
