import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/logger.ts';
import { createToolRegistry } from '../../tools/registry/tool-registry.ts';
import { AI_DRAFT_HEADER } from '../rules/ai-draft-note.ts';
import { PolicyFileError } from '../rules/policy-file-error.ts';
import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom, TENANT } from '../testing/policy-harness.ts';
import { createToolGate } from './tool-gate.ts';

const DRAFT = `${AI_DRAFT_HEADER}\nPowerShell fetched stage2.exe from 203.0.113.7.`;

function harness(yaml: string, options: { lies?: boolean } = {}) {
  const fake = createFakeConsole(options);
  const policy = policyFrom(yaml);
  return {
    fake,
    ...createPolicyHarness({ tools: FAKE_TOOLS, capabilities: fake.capabilities, policy }),
  };
}

describe('the tool gate', () => {
  it('denies a write tool that no rule names, and nothing reaches the console', async () => {
    const { fake, toolbox, entries } = harness('version: 1\nphase: automate');

    const result = await toolbox.call({
      tool: 'post_note',
      input: { text: 'closing as benign' },
      reason: 'benign',
    });

    expect(result).toEqual({
      status: 'denied',
      tool: 'post_note',
      basis: 'no_rule',
      message: 'denied: no policy rule allows post_note; writes are denied by default',
    });
    expect(fake.writes).toEqual([]);
    expect(entries().map((entry) => [entry.kind, entry.payload.status])).toEqual([
      ['tool.call', 'denied'],
    ]);
  });

  it('writes nothing in observe, whatever the rules allow', async () => {
    const { fake, toolbox } = harness(
      [
        'version: 1',
        'phase: observe',
        'rules:',
        '  - { tool: post_note, action: allow }',
        '  - { tool: isolate_hosts, action: allow }',
      ].join('\n'),
    );

    const note = await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });
    const isolate = await toolbox.call({ tool: 'isolate_hosts', input: { ids: ['1'] } });

    expect(note).toMatchObject({ status: 'denied', basis: 'phase_observe' });
    expect(isolate).toMatchObject({ status: 'denied', basis: 'phase_observe' });
    expect(fake.writes).toEqual([]);
  });

  it('posts only AI-draft notes in assist and holds the rest', async () => {
    const { fake, toolbox, actions } = harness(
      'version: 1\nrules:\n  - { tool: post_note, action: allow }',
    );

    const draft = await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });
    const plain = await toolbox.call({ tool: 'post_note', input: { text: 'Closed as benign.' } });
    const linked = await toolbox.call({
      tool: 'post_note',
      input: { text: `${DRAFT}\nhttp://198.51.100.7/collect` },
    });

    expect(draft).toEqual({
      status: 'executed_verified',
      tool: 'post_note',
      output: { affected: 1 },
      verification: { verified: true, detail: 'the note is listed' },
      message: 'done and verified: the note is listed',
    });
    expect(plain).toMatchObject({ status: 'held', approvalsRequired: 1 });
    expect(linked).toMatchObject({ status: 'held' });
    expect(fake.notes).toEqual([DRAFT]);
    expect(
      actions
        .list()
        .map((action) => action.args.text)
        .sort(),
    ).toEqual(['Closed as benign.', `${DRAFT}\nhttp://198.51.100.7/collect`]);
  });

  it('holds containment for two approvers and returns what it would touch', async () => {
    const { fake, toolbox, clock } = harness('version: 1\nphase: automate');

    const result = await toolbox.call({
      tool: 'isolate_hosts',
      input: { ids: ['7', '8'] },
      reason: 'C2 beacon',
    });

    expect(result).toMatchObject({
      status: 'held',
      tool: 'isolate_hosts',
      approvalsRequired: 2,
      expiresAt: clock.now() + 86_400_000,
      preview: { summary: 'isolates 2 host(s)' },
    });
    expect(fake.writes).toEqual([]);
  });

  it('joins a repeated hold of the same arguments instead of queueing another', async () => {
    const { toolbox, actions } = harness('version: 1');

    const first = await toolbox.call({ tool: 'isolate_hosts', input: { ids: ['7'] } });
    const again = await toolbox.call({ tool: 'isolate_hosts', input: { ids: ['7'] } });

    expect(
      first.status === 'held' &&
        again.status === 'held' &&
        again.heldActionId === first.heldActionId,
    ).toBe(true);
    expect(actions.list()).toHaveLength(1);
  });

  it('runs an identical allowed write once per run, but retries one that failed', async () => {
    const { toolbox, fake, gate } = harness('version: 1');
    fake.failNextWrite();

    const failed = await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });
    const retried = await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });
    const [again, concurrent] = await Promise.all([
      toolbox.call({ tool: 'post_note', input: { text: DRAFT } }),
      toolbox.call({ tool: 'post_note', input: { text: DRAFT } }),
    ]);
    const otherRun = gate.toolbox({ caseId: '100', runId: 'run-2', agentId: 'triage' });

    expect([failed.status, retried.status, again.status, concurrent.status]).toEqual([
      'failed',
      'executed_verified',
      'denied',
      'denied',
    ]);
    expect(again).toMatchObject({
      basis: 'duplicate',
      message: 'this exact write already ran in this run (step 2); not repeated',
    });
    expect((await otherRun.call({ tool: 'post_note', input: { text: DRAFT } })).status).toBe(
      'executed_verified',
    );
    expect(fake.notes).toEqual([DRAFT, DRAFT]);
  });

  it('answers invalid input with each failing path, and audits the call', async () => {
    const { toolbox, entries, fake } = harness('version: 1');

    const result = await toolbox.call({
      tool: 'isolate_hosts',
      input: { ids: [], approved: true },
    });

    expect(result).toEqual({
      status: 'invalid_input',
      tool: 'isolate_hosts',
      message:
        'the arguments for isolate_hosts are invalid; fix the listed paths and call it again',
      issues: [
        { path: 'ids', message: 'Too small: expected array to have >=1 items' },
        { path: 'approved', message: 'not an argument of this tool' },
      ],
      input: { ids: [], approved: true },
    });
    expect(fake.writes).toEqual([]);
    expect(entries()[0]?.payload).toMatchObject({
      status: 'invalid_input',
      decision: { basis: 'invalid_input' },
    });
  });

  it('answers an unknown tool with the tools that exist', async () => {
    const { toolbox } = harness('version: 1');

    expect(await toolbox.call({ tool: 'approve_held_action', input: { id: 'ha_1' } })).toEqual({
      status: 'unknown_tool',
      tool: 'approve_held_action',
      message: 'there is no tool named "approve_held_action"',
      available: ['lookup_host', 'post_note', 'isolate_hosts'],
    });
  });

  it('runs reads in every phase and marks untrusted output', async () => {
    const { toolbox, entries } = harness('version: 1\nphase: observe');

    expect(await toolbox.call({ tool: 'lookup_host', input: { id: '9' } })).toEqual({
      status: 'ok',
      tool: 'lookup_host',
      output: { id: '9', hostname: 'host-9' },
      untrusted: ['hostname'],
    });
    expect(entries()[0]?.payload).toMatchObject({
      tool: 'lookup_host',
      effect: 'read',
      status: 'ok',
      decision: { outcome: 'allow', basis: 'read_tool' },
    });
  });

  it('audits every call with its decision, keyed by tenant, case, run and step', async () => {
    const { toolbox, entries } = harness(
      'version: 1\nrules:\n  - { tool: post_note, action: hold }',
    );

    await toolbox.call({ tool: 'lookup_host', input: { id: '1' } });
    await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });
    await toolbox.call({ tool: 'isolate_hosts', input: { ids: ['1'] }, step: 9 });

    expect(
      entries().map((entry) => [
        entry.kind,
        entry.tenantId,
        entry.caseId,
        entry.runId,
        entry.step,
        entry.payload.status,
      ]),
    ).toEqual([
      ['tool.call', TENANT, '100', 'run-1', 1, 'ok'],
      ['tool.call', TENANT, '100', 'run-1', 2, 'allowed'],
      ['action.executed', TENANT, '100', 'run-1', 2, 'executed_verified'],
      ['action.verified', TENANT, '100', 'run-1', 2, undefined],
      ['action.held', TENANT, '100', 'run-1', 9, undefined],
      ['tool.call', TENANT, '100', 'run-1', 9, 'held'],
    ]);
  });

  it('reports an allowed write the console does not show as unverified, not as done', async () => {
    const { toolbox } = harness(
      'version: 1\nphase: automate\nrules:\n  - { tool: isolate_hosts, action: allow }',
      { lies: true },
    );

    expect(await toolbox.call({ tool: 'isolate_hosts', input: { ids: ['1'] } })).toMatchObject({
      status: 'executed_unverified',
      verification: { verified: false, detail: 'still connected' },
      message: 'the console accepted the call but the effect is not visible: still connected',
    });
  });

  it('reports an allowed write that fails as failed', async () => {
    const { toolbox, fake, entries } = harness('version: 1');
    fake.failNextWrite();

    const result = await toolbox.call({ tool: 'post_note', input: { text: DRAFT } });

    expect(result).toMatchObject({
      status: 'failed',
      error: { code: 'UNEXPECTED', fault: 'system', message: 'console answered 500' },
      message: 'the write was allowed but failed: console answered 500',
    });
    expect(entries(['action.executed'])[0]?.payload).toMatchObject({
      status: 'failed',
      resultDigest: null,
    });
  });

  it('hands agents a toolbox with no tool code and no client in it', () => {
    const { toolbox, fake } = harness('version: 1');

    expect(Object.keys(toolbox).sort()).toEqual(['call', 'tools']);
    expect(Object.isFrozen(toolbox)).toBe(true);
    expect(JSON.stringify(toolbox.tools)).not.toContain('execute');
    for (const tool of toolbox.tools)
      expect(Object.keys(tool).sort()).toEqual(['description', 'effect', 'inputSchema', 'name']);
    expect(Object.values(toolbox)).not.toContain(fake.capabilities);
  });

  it('keeps secrets in arguments out of the audit and the logs', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const fake = createFakeConsole();
    const store = openDatabase({ path: ':memory:' });
    const clock = createManualClock();
    const gate = createToolGate({
      db: store.db,
      tenantId: TENANT,
      registry: createToolRegistry(FAKE_TOOLS),
      capabilities: fake.capabilities,
      policy: policyFrom('version: 1\nredact: { patterns: ["acme-[0-9]{6}"] }'),
      clock,
      logger: createLogger({ level: 'trace', destination }),
    });
    const secret = 'ApiToken 9f8e7d6c5b4a39281706';

    await gate.toolbox({ caseId: '100', runId: 'r', agentId: 'triage' }).call({
      tool: 'post_note',
      input: { text: `${DRAFT}\n${secret} acme-123456` },
      reason: `use ${secret}`,
    });

    const stored = store.sqlite
      .prepare('select payload_json from audit_entries')
      .pluck()
      .all()
      .join('\n');
    expect(stored).toContain('[redacted] [redacted]');
    expect(stored).not.toContain('9f8e7d6c5b4a39281706');
    expect(stored).not.toContain('acme-123456');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain('9f8e7d6c5b4a39281706');
    store.close();
  });

  it('fails at start-up on a policy naming a tool that is not served', () => {
    const fake = createFakeConsole();
    const store = openDatabase({ path: ':memory:' });

    expect(() =>
      createToolGate({
        db: store.db,
        tenantId: TENANT,
        registry: createToolRegistry(FAKE_TOOLS),
        capabilities: fake.capabilities,
        policy: policyFrom('version: 1\nrules:\n  - { tool: post_notes, action: allow }'),
        policySource: 'acme.yaml',
        clock: createManualClock(),
      }),
    ).toThrow(PolicyFileError);
    store.close();
  });

  it('refuses a malformed run context as casebook’s own bug', () => {
    const { gate } = harness('version: 1');

    expect(() => gate.toolbox({ caseId: '', runId: 'r', agentId: 'a' })).toThrow(
      'invalid run context',
    );
  });
});
