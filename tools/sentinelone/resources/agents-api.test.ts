import { describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../testing/fake-fetch.ts';
import { agentJson, page } from '../testing/fixtures.ts';
import { scriptedClient } from '../testing/scripted-client.ts';
import { collectItems } from './iterate-pages.ts';

const AGENT = '657613730168123595';

function setup(...replies: ScriptedReply[]) {
  return scriptedClient(replies);
}

describe('agents', () => {
  it('lists agents with name and status filters', async () => {
    const { client, fake } = setup({ json: page([agentJson(AGENT)], null) });

    const agents = await client.listAgents({
      computerName__contains: ['john-office', 'WIN'],
      networkStatuses: ['connected', 'disconnecting'],
      limit: 25,
    });

    expect(agents.items[0]).toMatchObject({
      id: AGENT,
      networkStatus: 'connected',
      osType: 'windows',
    });
    expect(Object.fromEntries(fake.calls[0]?.url.searchParams ?? [])).toEqual({
      computerName__contains: 'john-office,WIN',
      networkStatuses: 'connected,disconnecting',
      limit: '25',
    });
  });

  it('iterates all agents by cursor', async () => {
    const { client } = setup(
      { json: page([agentJson('1')], 'a2', 2) },
      { json: page([agentJson('2', { networkStatus: 'disconnected' })], null, 2) },
    );

    const agents = await collectItems(client.iterateAgents());

    expect(agents.map((agent) => [agent.id, agent.networkStatus])).toEqual([
      ['1', 'connected'],
      ['2', 'disconnected'],
    ]);
  });

  it('gets one agent by id and reports a missing one as not_found', async () => {
    const { client, fake } = setup(
      { json: page([agentJson(AGENT)], null) },
      { json: page([], null, 0) },
    );

    expect((await client.getAgent({ id: AGENT })).computerName).toBe('EC2AMAZ-AJ0KANC');
    expect(fake.calls[0]?.url.searchParams.get('ids')).toBe(AGENT);
    await expect(client.getAgent({ id: '42' })).rejects.toMatchObject({
      kind: 'not_found',
      fault: 'user',
      detail: 'no agent with id 42',
    });
  });

  it('disconnects and reconnects endpoints with a filter body', async () => {
    const { client, fake } = setup(
      { json: { data: { affected: 1 } } },
      { json: { data: { affected: 1 } } },
    );

    expect(await client.disconnectAgents({ ids: [AGENT] })).toEqual({ affected: 1 });
    expect(await client.connectAgents({ ids: [AGENT] })).toEqual({ affected: 1 });
    expect(fake.calls.map((call) => [call.method, call.url.pathname, call.body])).toEqual([
      ['POST', '/web/api/v2.1/agents/actions/disconnect', { filter: { ids: [AGENT] } }],
      ['POST', '/web/api/v2.1/agents/actions/connect', { filter: { ids: [AGENT] } }],
    ]);
  });

  it('refuses to isolate an empty set of endpoints', async () => {
    const { client, fake } = setup();

    await expect(client.disconnectAgents({ ids: [] })).rejects.toThrow(
      'invalid parameters for disconnectAgents: ids: must name at least one value',
    );
    expect(fake.calls).toHaveLength(0);
  });

  it('reports an unknown network status from the console as invalid_response', async () => {
    const { client } = setup({ json: page([agentJson(AGENT, { networkStatus: 'asleep' })], null) });

    await expect(client.listAgents()).rejects.toMatchObject({ kind: 'invalid_response' });
  });
});
