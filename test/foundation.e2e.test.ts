import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadBuiltinScenarios } from '../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../sim/start-simulator.ts';
import {
  collectItems,
  createSentinelOneClient,
  type SentinelOneClient,
} from '../tools/sentinelone/index.ts';

/**
 * The foundation end to end over a real loopback socket: the typed client against the
 * simulator loaded with the built-in scenarios, the same calls a real console would get.
 */
describe('client against a running simulator', () => {
  let sim: RunningSimulator;
  let client: SentinelOneClient;

  beforeAll(async () => {
    sim = await startSimulator({
      scenarios: await loadBuiltinScenarios(),
      timing: { networkChangeMs: 50, dvQueryRunningMs: 20 },
    });
    client = createSentinelOneClient({ baseUrl: sim.url, token: sim.token });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('lists every built-in threat across pages of one', async () => {
    const scenarios = await loadBuiltinScenarios();
    const expected = scenarios.flatMap((s) => s.threats.map((t) => t.id)).sort();
    let pages = 0;

    const ids: string[] = [];
    for await (const page of client.iterateThreats({ limit: 1 })) {
      pages += 1;
      ids.push(...page.items.map((threat) => threat.id));
    }

    expect(ids.sort()).toEqual(expected);
    expect(pages).toBe(expected.length);
  });

  it("reads one threat's storyline page by page, each event once", async () => {
    const scenario = (await loadBuiltinScenarios()).find((s) => s.id.includes('phishing'));
    const threat = scenario?.threats[0];
    expect(threat).toBeDefined();
    if (!scenario || !threat) return;
    // The storyline holds what its processes did, and the creation of its root.
    const storylineEvents = scenario.events.filter(
      (event) =>
        event['src.process.storyline.id'] === threat.storyline ||
        event['tgt.process.storyline.id'] === threat.storyline,
    );

    const pages = [];
    for await (const page of client.iterateThreatEvents({ threatId: threat.id, limit: 7 })) {
      pages.push(page.items.map((event) => event.id));
    }
    const ids = pages.flat();

    expect(pages.length).toBe(Math.ceil(storylineEvents.length / 7));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(storylineEvents.map((event) => event['event.id']).sort());
  });

  it('adds a note that the console then lists', async () => {
    const [threat] = (await client.listThreats({ limit: 1 })).items;
    if (!threat) throw new Error('no threat');

    const result = await client.addThreatNote({ threatIds: [threat.id], text: 'e2e note' });
    const notes = await collectItems(client.iterateThreatNotes({ threatId: threat.id }));

    expect(result).toEqual({ affected: 1 });
    expect(notes.map((note) => note.text)).toContain('e2e note');
  });

  it('isolates and reconnects an agent, and its network status really changes', async () => {
    const [agent] = (await client.listAgents({ limit: 1 })).items;
    if (!agent) throw new Error('no agent');

    expect(await client.disconnectAgents({ ids: [agent.id] })).toEqual({ affected: 1 });
    expect((await client.getAgent({ id: agent.id })).networkStatus).toBe('disconnecting');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await client.getAgent({ id: agent.id })).networkStatus).toBe('disconnected');

    await client.connectAgents({ ids: [agent.id] });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await client.getAgent({ id: agent.id })).networkStatus).toBe('connected');
  });

  it('records every write in the activity log with the user who made it', async () => {
    const activities = await collectItems(client.iterateActivities({ limit: 100 }));
    const writes = activities
      .map((activity) => activity.primaryDescription ?? '')
      .filter((text) => text.startsWith('The management user'));

    expect(writes).toHaveLength(3);
    expect(writes.every((text) => text.includes('analyst@casebook.local'))).toBe(true);
    expect(writes[0]).toContain('added a note');
    expect(writes[1]).toContain('disconnect');
    expect(writes[2]).toContain('reconnect');
  });

  it('runs a Deep Visibility query and pages its results', async () => {
    const scenario = (await loadBuiltinScenarios()).find((s) => s.id.includes('phishing'));
    const creations = (scenario?.events ?? []).filter(
      (e) => e['event.type'] === 'Process Creation',
    );
    const times = creations.map((e) => Date.parse(String(e['event.time'])));

    const events = await collectItems(
      client.runDvQuery({
        query: `EventType = "Process Creation" AND EndpointName = "${creations[0]?.['endpoint.name']}"`,
        fromDate: new Date(Math.min(...times)).toISOString(),
        toDate: new Date(Math.max(...times)).toISOString(),
        pageSize: 5,
        pollIntervalMs: 10,
      }),
    );

    expect(events.map((e) => e.id).sort()).toEqual(creations.map((e) => e['event.id']).sort());
  });
});
