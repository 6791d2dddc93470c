import { describe, expect, it } from 'vitest';

import { createToolGate } from '../gate/tool-gate.ts';
import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom, TENANT } from '../testing/policy-harness.ts';
import { HeldActionConsoleError } from './held-action-console-error.ts';
import { HeldActionEditError } from './held-action-edit-error.ts';
import { HeldActionStaleError } from './held-action-stale-error.ts';
import { createHeldActions } from './held-actions.ts';

const POLICY = policyFrom(
  [
    'version: 1',
    'phase: assist',
    'rules:',
    '  - tool: isolate_hosts',
    '    action: hold',
    '    approvers: 2',
    '    when: { blastRadius: { maxEndpoints: 1 } }',
    '  - { tool: isolate_hosts, action: hold, approvers: 3, when: { blastRadius: { maxEndpoints: 3 } } }',
    '  - { tool: isolate_hosts, action: deny }',
  ].join('\n'),
);

function harness() {
  const fake = createFakeConsole();
  return {
    fake,
    ...createPolicyHarness({ tools: FAKE_TOOLS, capabilities: fake.capabilities, policy: POLICY }),
  };
}

async function heldIsolation(h: ReturnType<typeof harness>, ids: string[]): Promise<string> {
  const result = await h.toolbox.call({ tool: 'isolate_hosts', input: { ids }, reason: 'contain' });
  if (result.status !== 'held') throw new Error(`expected a hold, got ${result.status}`);
  return result.heldActionId;
}

describe('editing a held action', () => {
  it('refuses arguments the policy denies, however many people approve them', async () => {
    const h = harness();
    const id = await heldIsolation(h, ['7']);

    const widened = h.actions.editAndApprove({
      id,
      principalId: 'alice',
      args: { ids: ['1', '2', '3', '4', '5', '6', '7', '8'] },
    });

    await expect(widened).rejects.toThrow(HeldActionEditError);
    await expect(widened).rejects.toThrow(/policy denies the new arguments: rule 2 denies/);
    expect(h.actions.get(id)).toMatchObject({ args: { ids: ['7'] }, status: 'pending' });
    expect(h.fake.writes).toEqual([]);
  });

  it('asks for as many approvers as the new arguments need', async () => {
    const h = harness();
    const id = await heldIsolation(h, ['7']);
    expect(h.actions.get(id).approvalsRequired).toBe(2);

    const edited = await h.actions.editAndApprove({
      id,
      principalId: 'alice',
      args: { ids: ['7', '8'] },
    });
    expect(edited).toMatchObject({ approvals: 1, required: 3, executed: false });
    expect(h.actions.get(id).reason).toBe(
      'edited by alice: isolates 2 host(s); first asked: contain',
    );

    expect((await h.actions.approve({ id, principalId: 'bob' })).executed).toBe(false);
    expect((await h.actions.approve({ id, principalId: 'carol' })).executed).toBe(true);
    expect(h.fake.writes).toEqual([{ method: 'isolate', args: { ids: ['7', '8'] } }]);
  });

  it('refuses edits where the policy is not known, rather than skip the check', async () => {
    const h = harness();
    const id = await heldIsolation(h, ['7']);
    const blind = createHeldActions({
      db: h.db,
      tenantId: TENANT,
      registry: h.registry,
      capabilities: h.fake.capabilities,
      audit: h.audit,
      clock: h.clock,
    });

    await expect(
      blind.editAndApprove({ id, principalId: 'alice', args: { ids: ['8'] } }),
    ).rejects.toThrow(/policy is not loaded here/);
  });
});

describe('approving on another console', () => {
  it('refuses to run an action asked on one console where another is configured', async () => {
    const h = harness();
    const gate = createToolGate({
      db: h.db,
      tenantId: TENANT,
      registry: h.registry,
      capabilities: h.fake.capabilities,
      policy: POLICY,
      clock: h.clock,
      audit: h.audit,
      consoleUrl: 'http://127.0.0.1:40123/',
    });
    const held = await gate
      .toolbox({ caseId: '100', runId: 'run-2', agentId: 'triage' })
      .call({ tool: 'isolate_hosts', input: { ids: ['9'] }, reason: 'contain' });
    if (held.status !== 'held') throw new Error(`expected a hold, got ${held.status}`);
    const on = (consoleUrl: string) =>
      createHeldActions({
        db: h.db,
        tenantId: TENANT,
        registry: h.registry,
        capabilities: h.fake.capabilities,
        audit: h.audit,
        clock: h.clock,
        policy: POLICY,
        consoleUrl,
      });

    expect(h.actions.get(held.heldActionId).consoleUrl).toBe('http://127.0.0.1:40123');
    const elsewhere = on('http://127.0.0.1:4610').approve({
      id: held.heldActionId,
      principalId: 'alice',
    });
    await expect(elsewhere).rejects.toThrow(HeldActionConsoleError);
    await expect(elsewhere).rejects.toThrow(
      'was asked on console http://127.0.0.1:40123, but this tenant’s console is http://127.0.0.1:4610',
    );

    const here = on('http://127.0.0.1:40123');
    expect((await here.approve({ id: held.heldActionId, principalId: 'alice' })).approvals).toBe(1);
    expect(
      on('http://127.0.0.1:4610').deny({ id: held.heldActionId, principalId: 'bob' }).status,
    ).toBe('denied');
  });
});

describe('approving after things changed', () => {
  it('refuses an approval when the tenant policy now denies the action', async () => {
    const h = harness();
    const id = await heldIsolation(h, ['7']);
    const tightened = createHeldActions({
      db: h.db,
      tenantId: TENANT,
      registry: h.registry,
      capabilities: h.fake.capabilities,
      audit: h.audit,
      clock: h.clock,
      policy: policyFrom('version: 1\nphase: observe\n'),
    });

    const approval = tightened.approve({ id, principalId: 'alice' });

    await expect(approval).rejects.toThrow(HeldActionStaleError);
    await expect(approval).rejects.toThrow(/policy now denies it \(the observe phase/);
    expect(h.actions.get(id)).toMatchObject({ status: 'pending', approvedBy: [] });
  });

  it('refuses an approval of arguments edited since the approver read them', async () => {
    const h = harness();
    const id = await heldIsolation(h, ['7']);
    const seen = h.actions.get(id).argsHash;
    await h.actions.editAndApprove({ id, principalId: 'bob', args: { ids: ['7', '8'] } });

    await expect(h.actions.approve({ id, principalId: 'alice', argsHash: seen })).rejects.toThrow(
      /its arguments changed since you looked/,
    );

    const current = h.actions.get(id).argsHash;
    expect(
      (await h.actions.approve({ id, principalId: 'alice', argsHash: current })).approvals,
    ).toBe(2);
  });

  it('holds a new action when the pending one asked for the same has expired', async () => {
    const h = harness();
    const first = await heldIsolation(h, ['7']);
    h.clock.advance(8 * 86_400_000);

    const second = await heldIsolation(h, ['7']);

    expect(second).not.toBe(first);
    expect(h.actions.get(second).status).toBe('pending');
  });
});
