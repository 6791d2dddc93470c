import { describe, expect, it } from 'vitest';
import { LINUX_AGENT, WINDOWS_AGENT } from '../../store/testing/small-scenario.ts';
import { createTestSimulator } from '../testing/test-simulator.ts';

type Simulator = ReturnType<typeof createTestSimulator>;

async function networkStatus(sim: Simulator, agentId: string): Promise<string> {
  const { json } = await sim.call(`/agents?ids=${agentId}`);
  return json.data[0].networkStatus;
}

function agentIds(json: { data: { id: string }[] }): string[] {
  return json.data.map((agent) => agent.id);
}

describe('GET /agents', () => {
  it('renders the 4.1 agent object', async () => {
    const sim = createTestSimulator();
    const { json } = await sim.call(`/agents?ids=${WINDOWS_AGENT.id}`);
    expect(json.pagination).toEqual({ nextCursor: null, totalItems: 1 });
    expect(json.data[0]).toMatchObject({
      id: WINDOWS_AGENT.id,
      uuid: WINDOWS_AGENT.uuid,
      computerName: 'WIN-DESK01',
      osType: 'windows',
      osName: 'Windows 11 Enterprise',
      machineType: 'laptop',
      domain: 'CORP',
      networkStatus: 'connected',
      siteName: 'Default site',
      groupName: 'Default Group',
      lastLoggedInUserName: 'alice',
      externalIp: '10.0.0.21',
      isActive: true,
      isDecommissioned: false,
      registeredAt: '2025-12-25T10:00:00.000000Z',
    });
    expect(json.data[0].networkInterfaces[0]).toMatchObject({
      inet: ['10.0.0.21'],
      inet6: ['fe80::1'],
    });
  });

  it.each([
    [`ids=${LINUX_AGENT.id}`, [LINUX_AGENT.id]],
    [`idsNin=${LINUX_AGENT.id}`, [WINDOWS_AGENT.id]],
    ['computerName=win-desk01', [WINDOWS_AGENT.id]],
    ['computerName__contains=desk,WEB', [WINDOWS_AGENT.id, LINUX_AGENT.id]],
    ['computerName__contains=eb0', [LINUX_AGENT.id]],
    ['osTypes=linux', [LINUX_AGENT.id]],
    ['osTypesNin=linux', [WINDOWS_AGENT.id]],
    ['networkStatuses=connected', [WINDOWS_AGENT.id, LINUX_AGENT.id]],
    ['networkStatuses=disconnected', []],
    [`uuids=${LINUX_AGENT.uuid}`, [LINUX_AGENT.id]],
    ['sortBy=computerName', [LINUX_AGENT.id, WINDOWS_AGENT.id]],
  ])('filters with %s', async (query, expected) => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call(`/agents?${query}`);
    expect(status).toBe(200);
    expect(agentIds(json)).toEqual(expected);
  });

  it('caps the length of a list in the query string', async () => {
    const sim = createTestSimulator();
    const ids = Array.from({ length: 5_001 }, (_, i) => String(i + 1)).join(',');
    const { status, json } = await sim.call(`/agents?ids=${ids}`);
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe('ids has 5001 items; at most 5000 are allowed');
  });

  it('rejects an unknown network status', async () => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/agents?networkStatuses=isolated');
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'networkStatuses has an invalid value "isolated"; allowed values are connected, ' +
        'connecting, disconnected, disconnecting',
    );
  });
});

describe('agent network actions', () => {
  it('disconnects through disconnecting to disconnected after the delay', async () => {
    const sim = createTestSimulator({ timing: { networkChangeMs: 3_000 } });
    const { json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { ids: [WINDOWS_AGENT.id] } },
    });
    expect(json).toEqual({ data: { affected: 1 } });

    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('disconnecting');
    sim.clock.advance(2_999);
    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('disconnecting');
    sim.clock.advance(1);
    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('disconnected');
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('connected');

    const { json: threats } = await sim.call(`/threats?agentIds=${WINDOWS_AGENT.id}&limit=1`);
    expect(threats.data[0].agentRealtimeInfo.agentNetworkStatus).toBe('disconnected');
    const filtered = await sim.call('/agents?networkStatuses=disconnected');
    expect(agentIds(filtered.json)).toEqual([WINDOWS_AGENT.id]);
  });

  it('connects back through connecting to connected', async () => {
    const sim = createTestSimulator({ timing: { networkChangeMs: 1_000 } });
    const filter = { filter: { ids: [LINUX_AGENT.id] } };
    await sim.call('/agents/actions/disconnect', { method: 'POST', body: filter });
    sim.clock.advance(1_000);
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('disconnected');

    const { json } = await sim.call('/agents/actions/connect', { method: 'POST', body: filter });
    expect(json).toEqual({ data: { affected: 1 } });
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('connecting');
    sim.clock.advance(1_000);
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('connected');
  });

  it('selects agents by other filter keys too', async () => {
    const sim = createTestSimulator();
    const { json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { osTypes: ['windows', 'linux'], tenant: true } },
    });
    expect(json).toEqual({ data: { affected: 2 } });
  });

  it('answers affected but changes nothing when ignoreAgentActions is on', async () => {
    const sim = createTestSimulator({ realism: { ignoreAgentActions: true } });
    const { json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { ids: [WINDOWS_AGENT.id] } },
    });
    expect(json).toEqual({ data: { affected: 1 } });
    sim.clock.advance(60_000);
    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('connected');
  });

  it('refuses a filter that names no agents', async () => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { siteIds: ['1'] } },
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toMatch(
      /^filter must name the agents to act on, with one of: ids, /,
    );
    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('connected');
  });

  it('refuses a filter that only excludes, which would disconnect every other agent', async () => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { idsNin: ['1'] } },
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'filter must name the agents to act on, with one of: ids, uuid, uuids, computerName, ' +
        'computerName__contains, networkStatuses, osTypes, machineTypes; exclusions such as ' +
        'idsNin only narrow that selection',
    );
    expect(await networkStatus(sim, WINDOWS_AGENT.id)).toBe('connected');
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('connected');
  });

  it('still takes exclusions that narrow a selection', async () => {
    const sim = createTestSimulator();
    const { json } = await sim.call('/agents/actions/disconnect', {
      method: 'POST',
      body: { filter: { osTypes: ['windows', 'linux'], idsNin: [LINUX_AGENT.id] } },
    });
    expect(json).toEqual({ data: { affected: 1 } });
    expect(await networkStatus(sim, LINUX_AGENT.id)).toBe('connected');
  });

  it('answers 404 for an agent action the simulator does not offer', async () => {
    const sim = createTestSimulator();
    const { status } = await sim.call('/agents/actions/shutdown', {
      method: 'POST',
      body: { filter: { ids: [WINDOWS_AGENT.id] } },
    });
    expect(status).toBe(404);
  });
});
