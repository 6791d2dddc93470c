import { describe, expect, it } from 'vitest';

import { upsertPrincipal } from '../identity/principals.ts';
import { SERVICE_IDENTITY } from '../identity/role.ts';
import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom, TENANT } from '../testing/policy-harness.ts';
import { ApprovalRefusedError } from './approval-refused-error.ts';

const POLICY = policyFrom(
  [
    'version: 1',
    'rules:',
    '  - { tool: post_note, action: hold }',
    '  - { tool: isolate_hosts, action: hold, approvers: 2 }',
  ].join('\n'),
);

function harness(policy = POLICY) {
  const fake = createFakeConsole();
  return {
    fake,
    ...createPolicyHarness({ tools: FAKE_TOOLS, capabilities: fake.capabilities, policy }),
  };
}

type Harness = ReturnType<typeof harness>;

async function hold(h: Harness, tool: string, input: unknown, agentId = 'triage') {
  const toolbox = h.gate.toolbox({ caseId: '100', runId: 'run-1', agentId });
  const result = await toolbox.call({ tool, input, reason: 'the model said so' });
  if (result.status !== 'held') throw new Error(`expected a hold, got ${result.status}`);
  return result.heldActionId;
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('it was not refused');
}

/** A principals row as casebook stored it before ids were canonical: exactly as typed. */
function legacyPrincipal(h: Harness, id: string, role: string) {
  h.sqlite
    .prepare(
      'insert into principals (tenant_id, id, role, display_name, created_at, updated_at) ' +
        'values (?, ?, ?, ?, 0, 0)',
    )
    .run(TENANT, id, role, id);
}

/** An approval row as casebook stored it before ids were canonical. */
function legacyApproval(h: Harness, heldActionId: string, principalId: string) {
  const { argsHash } = h.actions.get(heldActionId);
  h.sqlite
    .prepare(
      'insert into approvals (held_action_id, tenant_id, principal_id, role, decision, ' +
        "args_hash, comment, created_at) values (?, ?, ?, 'analyst', 'approve', ?, null, 0)",
    )
    .run(heldActionId, TENANT, principalId, argsHash);
}

function grant(h: Harness, id: string, role: string) {
  return upsertPrincipal({
    db: h.db,
    clock: h.clock,
    audit: h.audit,
    grantedBy: 'carol',
    principal: { tenantId: TENANT, id, role },
  });
}

describe('who may decide on a held action', () => {
  it('counts one person once, however the email is capitalised', async () => {
    const h = harness();
    grant(h, 'alice@example.com', 'analyst');
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });
    const first = await h.actions.approve({ id, principalId: 'alice@example.com' });
    expect(first).toMatchObject({ approvals: 1, required: 2, executed: false });

    expect(grant(h, 'ALICE@example.com', 'analyst').id).toBe('alice@example.com');
    const again = await refusal(h.actions.approve({ id, principalId: 'ALICE@example.com' }));

    expect(again).toBeInstanceOf(ApprovalRefusedError);
    expect((again as ApprovalRefusedError).reason).toBe('already_decided');
    expect((again as ApprovalRefusedError).principalId).toBe('alice@example.com');
    expect(h.actions.get(id)).toMatchObject({
      status: 'pending',
      approvedBy: ['alice@example.com'],
    });
    expect(h.fake.writes).toEqual([]);
  });

  it('folds white space, full-width and compatibility forms into the one id', async () => {
    const h = harness();
    grant(h, 'alice@example.com', 'analyst');
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });
    await h.actions.approve({ id, principalId: 'alice@example.com' });

    for (const spelling of [' Alice@Example.COM ', 'ａｌｉｃｅ@example.com', 'ALICE@EXAMPLE.COM']) {
      const error = await refusal(h.actions.approve({ id, principalId: spelling }));
      expect((error as ApprovalRefusedError).reason, spelling).toBe('already_decided');
      expect(await refusal(() => h.actions.deny({ id, principalId: spelling }))).toBeInstanceOf(
        ApprovalRefusedError,
      );
    }
    expect(h.fake.writes).toEqual([]);
  });

  it('counts one person once across rows stored before ids were canonical', async () => {
    const h = harness(
      policyFrom('version: 1\nrules:\n  - { tool: isolate_hosts, action: hold, approvers: 3 }'),
    );
    legacyPrincipal(h, 'ALICE', 'analyst');
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });
    legacyApproval(h, id, 'ALICE');
    legacyApproval(h, id, 'Alice');

    const error = await refusal(h.actions.approve({ id, principalId: 'alice' }));
    expect((error as ApprovalRefusedError).reason).toBe('already_decided');

    const carol = await h.actions.approve({ id, principalId: 'carol' });
    expect(carol).toMatchObject({ approvals: 2, required: 3, executed: false });
    expect(carol.action.approvedBy).toEqual(['alice', 'carol']);
    expect(h.fake.writes).toEqual([]);
  });

  it('stores the decider under the canonical id in approvals, edits and the audit', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7', '8'] });

    await h.actions.editAndApprove({ id, principalId: 'Alice', args: { ids: ['7'] } });
    const done = await h.actions.approve({ id, principalId: 'BOB' });
    const denied = await hold(h, 'post_note', { text: 'closing as benign' });
    h.actions.deny({ id: denied, principalId: 'Carol' });

    expect(done.action.approvals.map((record) => record.principalId)).toEqual(['alice', 'bob']);
    expect(done.action.edits.map((edit) => edit.principalId)).toEqual(['alice']);
    expect(h.actions.get(denied).approvals.map((record) => record.principalId)).toEqual(['carol']);
    expect(
      h
        .entries(['action.edited', 'approval.recorded', 'action.executed', 'action.denied'])
        .map((entry) => [entry.kind, entry.actor, entry.payload.approvedBy]),
    ).toEqual([
      ['action.edited', 'alice', undefined],
      ['approval.recorded', 'alice', undefined],
      ['approval.recorded', 'bob', undefined],
      ['action.executed', 'casebook', 'bob'],
      ['action.denied', 'carol', undefined],
    ]);
  });

  it('refuses the service identity in any capitalisation, even with an admin row', async () => {
    const h = harness();
    legacyPrincipal(h, 'CaseBook-Agent', 'admin');
    const id = await hold(h, 'post_note', { text: 'closing as benign' });

    const error = await refusal(h.actions.approve({ id, principalId: 'CaseBook-Agent' }));

    expect(error).toBeInstanceOf(ApprovalRefusedError);
    expect((error as ApprovalRefusedError).reason).toBe('service_identity');
    expect((error as ApprovalRefusedError).message).toBe(
      `${SERVICE_IDENTITY} is the identity the agents run as and can never approve their ` +
        `actions (held action ${id})`,
    );
    expect(h.entries(['approval.refused'])[0]).toMatchObject({
      actor: SERVICE_IDENTITY,
      payload: { reason: 'service_identity', given: 'CaseBook-Agent' },
    });
    expect(h.actions.get(id).status).toBe('pending');
    expect(h.fake.writes).toEqual([]);
  });

  it('never lets the agent that asked approve, edit or deny its own action', async () => {
    const h = harness();
    legacyPrincipal(h, 'triage', 'admin');
    const id = await hold(h, 'post_note', { text: 'closing as benign' });
    expect(h.actions.get(id).agentId).toBe('triage');

    for (const principalId of ['triage', 'Triage', ' TRIAGE ']) {
      const error = await refusal(h.actions.approve({ id, principalId }));
      expect(error, principalId).toBeInstanceOf(ApprovalRefusedError);
      expect((error as ApprovalRefusedError).reason).toBe('agent_identity');
    }
    const edit = await refusal(
      h.actions.editAndApprove({ id, principalId: 'triage', args: { text: 'benign' } }),
    );
    expect((edit as ApprovalRefusedError).reason).toBe('agent_identity');
    const deny = await refusal(() => h.actions.deny({ id, principalId: 'triage' }));
    expect((deny as ApprovalRefusedError).reason).toBe('agent_identity');
    expect(h.actions.get(id)).toMatchObject({ status: 'pending', approvals: [], edits: [] });
    expect(h.fake.writes).toEqual([]);
  });

  it('refuses an agent id that is not a reserved name when it asked for the action', async () => {
    const h = harness();
    grant(h, 'forensics', 'admin');
    const id = await hold(h, 'post_note', { text: 'closing as benign' }, 'forensics');

    const error = await refusal(h.actions.approve({ id, principalId: 'Forensics' }));

    expect((error as ApprovalRefusedError).reason).toBe('agent_identity');
    expect((error as ApprovalRefusedError).message).toContain('forensics is an identity');
    expect(h.fake.writes).toEqual([]);
  });

  it('refuses any agent that acted in the run that asked for the action', async () => {
    const h = harness();
    grant(h, 'enricher', 'admin');
    const enricher = h.gate.toolbox({ caseId: '100', runId: 'run-1', agentId: 'enricher' });
    await enricher.call({ tool: 'lookup_host', input: { id: '7' } });
    const id = await hold(h, 'post_note', { text: 'closing as benign' });

    const error = await refusal(h.actions.approve({ id, principalId: 'enricher' }));

    expect((error as ApprovalRefusedError).reason).toBe('agent_identity');
    expect(h.fake.writes).toEqual([]);
  });

  it('refuses every planned agent name, whichever agent asked', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', { text: 'closing as benign' }, 'timeline');

    for (const name of ['supervisor', 'triage', 'timeline', 'comms', 'reporter', 'hunting']) {
      legacyPrincipal(h, name.toUpperCase(), 'admin');
      const error = await refusal(h.actions.approve({ id, principalId: name }));
      expect((error as ApprovalRefusedError).reason, name).toBe('agent_identity');
    }
    expect(h.fake.writes).toEqual([]);
  });
});
