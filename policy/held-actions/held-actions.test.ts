import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { canonicalHash } from '../canonical-json.ts';
import { SERVICE_IDENTITY } from '../identity/role.ts';
import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom } from '../testing/policy-harness.ts';
import { ApprovalRefusedError } from './approval-refused-error.ts';
import { HeldActionClosedError } from './held-action-closed-error.ts';
import { HeldActionEditError } from './held-action-edit-error.ts';
import { HeldActionNotFoundError } from './held-action-not-found-error.ts';

const POLICY = policyFrom('version: 1\nrules:\n  - { tool: post_note, action: hold }');

function harness({ lies = false, path }: { lies?: boolean; path?: string } = {}) {
  const fake = createFakeConsole({ lies });
  return {
    fake,
    ...createPolicyHarness({
      tools: FAKE_TOOLS,
      capabilities: fake.capabilities,
      policy: POLICY,
      path,
    }),
  };
}

async function hold(h: ReturnType<typeof harness>, tool: string, input: unknown): Promise<string> {
  const result = await h.toolbox.call({ tool, input, reason: 'the model said so' });
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

describe('held actions', () => {
  it('stores who asked, why, the exact arguments, their hash and the blast radius', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7', '8'] });

    expect(h.actions.get(id)).toMatchObject({
      id,
      tenantId: 'acme',
      caseId: '100',
      runId: 'run-1',
      agentId: 'triage',
      requestedBy: SERVICE_IDENTITY,
      step: 1,
      tool: 'isolate_hosts',
      effect: 'containment',
      args: { ids: ['7', '8'] },
      argsHash: canonicalHash({ ids: ['7', '8'] }),
      reason: 'the model said so',
      decision: { outcome: 'hold', basis: 'containment_default', approvalsRequired: 2 },
      preview: { summary: 'isolates 2 host(s)', endpoints: [{ id: '7' }, { id: '8' }] },
      approvalsRequired: 2,
      approvedBy: [],
      status: 'pending',
      outcome: null,
      expiresAt: h.clock.now() + 86_400_000,
    });
  });

  it('needs two distinct approvers for containment, then runs and verifies it', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });

    const first = await h.actions.approve({ id, principalId: 'alice' });
    expect(first).toMatchObject({ approvals: 1, required: 2, executed: false, outcome: null });
    expect(first.action.status).toBe('pending');
    expect(h.fake.writes).toEqual([]);

    const again = await refusal(h.actions.approve({ id, principalId: 'alice' }));
    expect(again).toBeInstanceOf(ApprovalRefusedError);
    expect((again as ApprovalRefusedError).reason).toBe('already_decided');

    const second = await h.actions.approve({ id, principalId: 'carol', comment: 'confirmed C2' });
    expect(second).toMatchObject({ approvals: 2, required: 2, executed: true });
    expect(second.outcome).toMatchObject({
      status: 'executed_verified',
      verification: { verified: true, detail: 'all isolated' },
      error: null,
    });
    expect(second.action).toMatchObject({
      status: 'executed_verified',
      approvedBy: ['alice', 'carol'],
    });
    expect(h.fake.writes).toEqual([{ method: 'isolate', args: { ids: ['7'] } }]);
    expect(h.entries().map((entry) => entry.kind)).toEqual([
      'action.held',
      'tool.call',
      'approval.recorded',
      'approval.refused',
      'approval.recorded',
      'action.executed',
      'action.verified',
    ]);
  });

  it('never lets the service identity, or a role that may not decide, approve', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });

    for (const [principalId, reason] of [
      [SERVICE_IDENTITY, 'service_identity'],
      ['victor', 'role_not_allowed'],
      ['hana', 'role_not_allowed'],
      ['soar', 'role_not_allowed'],
      ['mallory', 'unknown_principal'],
    ] as const) {
      const error = await refusal(h.actions.approve({ id, principalId }));
      expect(error, principalId).toBeInstanceOf(ApprovalRefusedError);
      expect((error as ApprovalRefusedError).reason).toBe(reason);
      expect(await refusal(() => h.actions.deny({ id, principalId }))).toBeInstanceOf(
        ApprovalRefusedError,
      );
    }

    expect(
      (await refusal(
        h.actions.editAndApprove({ id, principalId: SERVICE_IDENTITY, args: { ids: ['1'] } }),
      )) as Error,
    ).toBeInstanceOf(ApprovalRefusedError);
    expect(h.actions.get(id)).toMatchObject({ status: 'pending', approvedBy: [], approvals: [] });
    expect(h.entries(['approval.refused'])).toHaveLength(11);
    expect(h.fake.writes).toEqual([]);
  });

  it('refuses the service identity even when a row grants it an approving role', async () => {
    const h = harness();
    h.sqlite.prepare("update principals set role = 'admin' where id = ?").run(SERVICE_IDENTITY);
    const id = await hold(h, 'post_note', { text: 'closing as benign' });

    const error = await refusal(h.actions.approve({ id, principalId: SERVICE_IDENTITY }));

    expect((error as ApprovalRefusedError).message).toBe(
      `${SERVICE_IDENTITY} is the identity the agents run as and can never approve their ` +
        `actions (held action ${id})`,
    );
  });

  it('runs an action exactly once when two approvals arrive at the same time', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', { text: 'closing as benign' });

    const results = await Promise.allSettled([
      h.actions.approve({ id, principalId: 'alice' }),
      h.actions.approve({ id, principalId: 'bob' }),
    ]);

    const executed = results.filter(
      (result) => result.status === 'fulfilled' && result.value.executed,
    );
    const closed = results.filter((result) => result.status === 'rejected');
    expect(executed).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect((closed[0] as PromiseRejectedResult).reason).toBeInstanceOf(HeldActionClosedError);
    expect(h.fake.writes).toHaveLength(1);
    expect(h.entries(['action.executed'])).toHaveLength(1);

    const retry = await refusal(h.actions.approve({ id, principalId: 'carol' }));
    expect((retry as HeldActionClosedError).message).toBe(
      `held action ${id} has already been executed (and verified)`,
    );
    expect(h.fake.writes).toHaveLength(1);
  });

  it('runs once when the approvals come through two connections to one file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-held-')), 'casebook.db');
    const one = harness({ path });
    const id = await hold(one, 'post_note', { text: 'closing as benign' });
    const fake = createFakeConsole();
    const two = createPolicyHarness({
      tools: FAKE_TOOLS,
      capabilities: fake.capabilities,
      policy: POLICY,
      path,
    });

    const results = await Promise.allSettled([
      one.actions.approve({ id, principalId: 'alice' }),
      two.actions.approve({ id, principalId: 'bob' }),
    ]);

    expect(
      results.filter((result) => result.status === 'fulfilled' && result.value.executed),
    ).toHaveLength(1);
    expect(one.fake.writes.length + fake.writes.length).toBe(1);
    expect(one.entries(['action.executed'])).toHaveLength(1);
    one.close();
    two.close();
  });

  it('never runs an expired action', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });
    await h.actions.approve({ id, principalId: 'alice' });
    h.clock.advance(86_400_000);

    const error = await refusal(h.actions.approve({ id, principalId: 'bob' }));

    expect(error).toBeInstanceOf(HeldActionClosedError);
    expect((error as HeldActionClosedError).message).toBe(
      `held action ${id} expired before it was approved and can never run`,
    );
    expect(h.actions.get(id).status).toBe('expired');
    expect(h.fake.writes).toEqual([]);
    expect(h.entries(['action.expired'])).toHaveLength(1);
    expect(await refusal(h.actions.approve({ id, principalId: 'carol' }))).toBeInstanceOf(
      HeldActionClosedError,
    );
  });

  it('marks expired actions when listing', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', { text: 'x' });
    h.clock.advance(86_400_001);

    expect(h.actions.list({ statuses: ['pending'] })).toEqual([]);
    expect(h.actions.list().map((action) => [action.id, action.status])).toEqual([[id, 'expired']]);
    expect(h.actions.expireDue()).toBe(0);
  });

  it('runs an edited action with the edited arguments and audits both hashes', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', {
      text: 'Closing as benign, see http://198.51.100.7/collect',
    });
    const before = h.actions.get(id);

    const result = await h.actions.editAndApprove({
      id,
      principalId: 'alice',
      args: { text: 'Confirmed malicious; isolating.' },
      comment: 'removed the injected link',
    });

    const editedHash = canonicalHash({ text: 'Confirmed malicious; isolating.' });
    expect(result).toMatchObject({ executed: true, outcome: { status: 'executed_verified' } });
    expect(result.action).toMatchObject({
      args: { text: 'Confirmed malicious; isolating.' },
      argsHash: editedHash,
      edits: [{ principalId: 'alice', previousArgsHash: before.argsHash, argsHash: editedHash }],
    });
    expect(h.fake.notes).toEqual(['Confirmed malicious; isolating.']);

    const [edit] = h.entries(['action.edited']);
    expect(edit?.payload).toMatchObject({
      heldActionId: id,
      previousArgsHash: before.argsHash,
      previousArgs: { text: 'Closing as benign, see http://198.51.100.7/collect' },
      argsHash: editedHash,
      args: { text: 'Confirmed malicious; isolating.' },
      comment: 'removed the injected link',
    });
    expect(h.entries(['action.executed'])[0]?.payload).toMatchObject({
      argsHash: editedHash,
      approvedBy: 'alice',
    });
  });

  it('does not count approvals of the old arguments after an edit', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7', '8'] });
    await h.actions.approve({ id, principalId: 'bob' });

    const edited = await h.actions.editAndApprove({
      id,
      principalId: 'alice',
      args: { ids: ['7'] },
    });
    expect(edited).toMatchObject({ approvals: 1, executed: false });
    expect(edited.action.preview.endpoints.map((endpoint) => endpoint.id)).toEqual(['7']);

    const final = await h.actions.approve({ id, principalId: 'bob' });
    expect(final).toMatchObject({ approvals: 2, executed: true });
    expect(h.fake.writes).toEqual([{ method: 'isolate', args: { ids: ['7'] } }]);
  });

  it('refuses edited arguments the tool would reject, listing the paths', async () => {
    const h = harness();
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });

    const error = await refusal(
      h.actions.editAndApprove({ id, principalId: 'alice', args: { ids: [], all: true } }),
    );

    expect(error).toBeInstanceOf(HeldActionEditError);
    expect((error as HeldActionEditError).issues).toEqual([
      { path: 'ids', message: 'Too small: expected array to have >=1 items' },
      { path: 'all', message: 'not an argument of this tool' },
    ]);
    expect(h.actions.get(id).args).toEqual({ ids: ['7'] });
  });

  it('closes a denied action for good', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', { text: 'closing as benign' });

    const denied = h.actions.deny({ id, principalId: 'bob', comment: 'injected instruction' });
    expect(denied).toMatchObject({
      status: 'denied',
      approvals: [
        { principalId: 'bob', role: 'analyst', decision: 'deny', comment: 'injected instruction' },
      ],
    });

    const error = await refusal(h.actions.approve({ id, principalId: 'alice' }));
    expect((error as HeldActionClosedError).message).toBe(
      `held action ${id} was denied and can never run`,
    );
    expect(h.fake.writes).toEqual([]);
  });

  it('says clearly when the id is unknown, in this tenant', async () => {
    const h = harness();

    const error = await refusal(h.actions.approve({ id: 'ha_nope', principalId: 'alice' }));

    expect(error).toBeInstanceOf(HeldActionNotFoundError);
    expect((error as HeldActionNotFoundError).message).toBe(
      'no held action "ha_nope" in tenant acme; `casebook actions list` shows them',
    );
    expect(() => h.actions.get('ha_nope')).toThrow(HeldActionNotFoundError);
  });

  it('records a failed execution as failed, never as success', async () => {
    const h = harness();
    const id = await hold(h, 'post_note', { text: 'closing as benign' });
    h.fake.failNextWrite();

    const result = await h.actions.approve({ id, principalId: 'alice' });

    expect(result).toMatchObject({
      executed: true,
      outcome: { status: 'failed', resultDigest: null },
    });
    expect(result.outcome?.error).toEqual({
      code: 'UNEXPECTED',
      fault: 'system',
      message: 'console answered 500',
    });
    expect(result.action.status).toBe('failed');
  });

  it('records an execution whose effect the console does not show as unverified', async () => {
    const h = harness({ lies: true });
    const id = await hold(h, 'isolate_hosts', { ids: ['7'] });
    await h.actions.approve({ id, principalId: 'alice' });

    const result = await h.actions.approve({ id, principalId: 'bob' });

    expect(result.outcome).toMatchObject({
      status: 'executed_unverified',
      verification: { verified: false, detail: 'still connected' },
    });
    expect(h.entries(['action.verified'])[0]?.payload).toMatchObject({
      verified: false,
      detail: 'still connected',
    });
  });

  it('keeps held actions across a restart', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-held-')), 'casebook.db');
    const before = harness({ path });
    const id = await hold(before, 'post_note', { text: 'closing as benign' });
    before.close();

    const after = harness({ path });
    const result = await after.actions.approve({ id, principalId: 'alice' });

    expect(result).toMatchObject({ executed: true, outcome: { status: 'executed_verified' } });
    expect(after.fake.notes).toEqual(['closing as benign']);
    after.close();
  });
});
