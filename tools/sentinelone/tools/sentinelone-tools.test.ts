import { afterEach, describe, expect, it } from 'vitest';

import { AI_DRAFT_HEADER } from '../../../policy/rules/ai-draft-note.ts';
import { policyFrom } from '../../../policy/testing/policy-harness.ts';
import { AGENTS, OTHER_THREAT_ID, THREAT_ID } from '../../../policy/testing/policy-scenario.ts';
import { startSentinelOneHarness } from '../../../policy/testing/sentinelone-harness.ts';
import { createToolRegistry } from '../../registry/tool-registry.ts';
import { SENTINELONE_TOOLS } from './sentinelone-tools.ts';

const ALLOW_ALL = policyFrom(
  [
    'version: 1',
    'phase: automate',
    'rules:',
    ...[
      'add_threat_note',
      'set_analyst_verdict',
      'set_incident_status',
      'mitigate_threats',
      'disconnect_agents',
      'connect_agents',
    ].map((tool) => `  - { tool: ${tool}, action: allow }`),
  ].join('\n'),
);

let open: { close(): Promise<void> } | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function start(options: Parameters<typeof startSentinelOneHarness>[0]) {
  const harness = await startSentinelOneHarness(options);
  open = harness;
  return harness;
}

describe('the SentinelOne tools', () => {
  it('declare an effect each: six reads, four writes, two containment actions', () => {
    const registry = createToolRegistry(SENTINELONE_TOOLS);

    expect(registry.describe().map((tool) => `${tool.name}:${tool.effect}`)).toEqual([
      'get_threat:read',
      'list_threat_events:read',
      'run_deep_visibility_query:read',
      'get_agent:read',
      'list_threat_notes:read',
      'get_threat_timeline:read',
      'add_threat_note:write',
      'set_analyst_verdict:write',
      'set_incident_status:write',
      'mitigate_threats:containment',
      'disconnect_agents:containment',
      'connect_agents:write',
    ]);
  });

  it('read a threat and mark its attacker-controlled fields', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    const result = await toolbox.call({ tool: 'get_threat', input: { threatId: THREAT_ID } });

    expect(result).toMatchObject({
      status: 'ok',
      output: {
        id: THREAT_ID,
        threatName: 'powershell.exe',
        classification: 'Malware',
        confidenceLevel: 'malicious',
        analystVerdict: 'undefined',
        incidentStatus: 'unresolved',
        storyline: 'AB12CD34EF56AB78',
        agentId: AGENTS.desk.id,
        agentComputerName: 'FIN-DESK01',
        processUser: 'FIN\\bob',
      },
      untrusted: ['threatName', 'filePath', 'commandLine', 'originatorProcess', 'processUser'],
    });
  });

  it("read a threat's storyline as evidence events with untrusted fields named", async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    const result = await toolbox.call({
      tool: 'list_threat_events',
      input: { threatId: THREAT_ID, limit: 3 },
    });
    if (result.status !== 'ok') throw new Error(`list_threat_events: ${result.status}`);
    const output = result.output as {
      events: { id: string; type: string; untrusted: string[] }[];
      truncated: boolean;
    };

    expect(output.truncated).toBe(true);
    expect(output.events.map((event) => [event.id, event.type])).toEqual([
      ['2300000000000000001', 'Process Creation'],
      ['2300000000000000002', 'DNS Resolved'],
      ['2300000000000000003', 'IP Connect'],
    ]);
    expect(output.events[1]?.untrusted).toContain('dnsRequest');
    expect(result.untrusted).toContain('events[0].fields.tgtProcCmdLine');
    expect(result.untrusted).toContain('events[1].fields.dnsRequest');
  });

  it('run a Deep Visibility query to the end', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    const result = await toolbox.call({
      tool: 'run_deep_visibility_query',
      input: {
        query: 'EventType = "DNS Resolved"',
        fromDate: '2026-01-04T00:00:00.000Z',
        toDate: '2026-01-05T00:00:00.000Z',
      },
    });

    expect(result).toMatchObject({
      status: 'ok',
      output: { truncated: false, events: [{ id: '2300000000000000002', type: 'DNS Resolved' }] },
      untrusted: expect.arrayContaining(['events[0].fields.dnsRequest']),
    });
  });

  it('read an agent, notes and the timeline', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    expect(
      await toolbox.call({ tool: 'get_agent', input: { agentId: AGENTS.server.id } }),
    ).toMatchObject({
      status: 'ok',
      output: {
        id: AGENTS.server.id,
        computerName: 'DC01',
        networkStatus: 'connected',
        osType: 'windows',
      },
    });
    expect(
      await toolbox.call({ tool: 'list_threat_notes', input: { threatId: THREAT_ID } }),
    ).toMatchObject({
      status: 'ok',
      output: { threatId: THREAT_ID, notes: [] },
    });
    expect(
      await toolbox.call({ tool: 'get_threat_timeline', input: { threatId: THREAT_ID } }),
    ).toMatchObject({
      status: 'ok',
      output: { threatId: THREAT_ID },
    });
  });

  it('answer an unknown threat as a failed read the model can correct', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    expect(await toolbox.call({ tool: 'get_threat', input: { threatId: '999' } })).toMatchObject({
      status: 'failed',
      error: { code: 'SENTINELONE_NOT_FOUND', fault: 'user' },
    });
  });

  it('write notes, verdicts and statuses and verify each on the console', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });
    const note = `${AI_DRAFT_HEADER}\nStager on FIN-DESK01.`;

    expect(
      await toolbox.call({
        tool: 'add_threat_note',
        input: { threatIds: [THREAT_ID], text: note },
      }),
    ).toMatchObject({
      status: 'executed_verified',
      verification: { detail: 'the note is listed on 1 threat(s)' },
    });
    expect(
      await toolbox.call({
        tool: 'set_analyst_verdict',
        input: { threatIds: [THREAT_ID], verdict: 'true_positive' },
      }),
    ).toMatchObject({
      status: 'executed_verified',
      verification: { detail: 'analystVerdict is true_positive on 1 threat(s)' },
    });
    expect(
      await toolbox.call({
        tool: 'set_incident_status',
        input: { threatIds: [THREAT_ID], status: 'in_progress' },
      }),
    ).toMatchObject({ status: 'executed_verified' });
    expect(
      await toolbox.call({ tool: 'get_threat', input: { threatId: THREAT_ID } }),
    ).toMatchObject({
      output: { analystVerdict: 'true_positive', incidentStatus: 'in_progress' },
    });
  });

  it('mitigate a threat and verify the mitigation entry', async () => {
    const { toolbox } = await start({ policy: ALLOW_ALL });

    expect(
      await toolbox.call({
        tool: 'mitigate_threats',
        input: { threatIds: [THREAT_ID], action: 'kill' },
      }),
    ).toMatchObject({
      status: 'executed_verified',
      verification: { detail: 'kill succeeded on 1 threat(s)' },
    });
  });

  it('isolate and reconnect an endpoint, waiting for the console to get there', async () => {
    const { toolbox, clock } = await start({ policy: ALLOW_ALL });
    const started = clock.now();

    expect(
      await toolbox.call({ tool: 'disconnect_agents', input: { agentIds: [AGENTS.desk.id] } }),
    ).toMatchObject({
      status: 'executed_verified',
      verification: { observed: { [AGENTS.desk.id]: 'disconnected' } },
    });
    expect(clock.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(
      await toolbox.call({ tool: 'connect_agents', input: { agentIds: [AGENTS.desk.id] } }),
    ).toMatchObject({
      status: 'executed_verified',
      verification: { observed: { [AGENTS.desk.id]: 'connected' } },
    });
  });

  it('preview the blast radius of a held write from the console', async () => {
    const { toolbox } = await start({ policy: policyFrom('version: 1') });

    expect(
      await toolbox.call({
        tool: 'mitigate_threats',
        input: { threatIds: [THREAT_ID, OTHER_THREAT_ID], action: 'quarantine' },
      }),
    ).toMatchObject({
      status: 'held',
      approvalsRequired: 2,
      preview: {
        summary:
          `runs quarantine on 2 threats: powershell.exe (${THREAT_ID}), ` +
          `rundll32.exe (${OTHER_THREAT_ID})`,
        threats: [
          { id: THREAT_ID, threatName: 'powershell.exe', agentId: AGENTS.desk.id },
          { id: OTHER_THREAT_ID, threatName: 'rundll32.exe', agentId: AGENTS.laptop.id },
        ],
        endpoints: [
          { id: AGENTS.desk.id, computerName: 'FIN-DESK01', networkStatus: null },
          { id: AGENTS.laptop.id, computerName: 'FIN-LT02', networkStatus: null },
        ],
      },
    });
  });

  it('write nothing for an unknown threat, since the write cannot be previewed', async () => {
    const { toolbox, consoleActivities } = await start({ policy: ALLOW_ALL });

    expect(
      await toolbox.call({
        tool: 'set_incident_status',
        input: { threatIds: ['999'], status: 'resolved' },
      }),
    ).toMatchObject({ status: 'failed', error: { code: 'SENTINELONE_NOT_FOUND' } });
    expect((await consoleActivities()).filter((activity) => activity.userId !== null)).toEqual([]);
  });

  it('catch a console that accepts a disconnect but never performs it', async () => {
    const { toolbox, actions } = await start({
      policy: policyFrom('version: 1'),
      realism: { ignoreAgentActions: true },
    });
    const held = await toolbox.call({
      tool: 'disconnect_agents',
      input: { agentIds: [AGENTS.desk.id] },
    });
    if (held.status !== 'held') throw new Error(`expected a hold, got ${held.status}`);

    await actions.approve({ id: held.heldActionId, principalId: 'alice' });
    const result = await actions.approve({ id: held.heldActionId, principalId: 'bob' });

    expect(result.executed).toBe(true);
    expect(result.outcome).toMatchObject({
      status: 'executed_unverified',
      error: null,
      verification: {
        verified: false,
        detail: `after 20 s, not disconnected: ${AGENTS.desk.id} (connected)`,
        observed: { [AGENTS.desk.id]: 'connected' },
      },
    });
    expect(result.action.status).toBe('executed_unverified');
  });
});
