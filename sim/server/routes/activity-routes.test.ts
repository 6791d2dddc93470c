import { describe, expect, it } from 'vitest';
import { THREAT_IDS, WINDOWS_AGENT } from '../../store/testing/small-scenario.ts';
import { ALICE, BOB, BOB_TOKEN, createTestSimulator } from '../testing/test-simulator.ts';

const { powershell: PS, webshell: WS } = THREAT_IDS;

describe('GET /activities', () => {
  it('records every write with the user who made it', async () => {
    const sim = createTestSimulator();
    const post = (path: string, body: unknown, token?: string) =>
      sim.call(path, { method: 'POST', body, token });
    await post('/threats/notes', { data: { text: 'triaged' }, filter: { ids: [PS] } });
    await post('/threats/analyst-verdict', {
      data: { analystVerdict: 'true_positive' },
      filter: { ids: [PS] },
    });
    await post(
      '/threats/incident',
      { data: { incidentStatus: 'in_progress' }, filter: { ids: [PS] } },
      BOB_TOKEN,
    );
    await post('/threats/mitigate/kill', { filter: { ids: [PS] } }, BOB_TOKEN);
    await post('/agents/actions/disconnect', { filter: { ids: [WINDOWS_AGENT.id] } });
    await post('/agents/actions/connect', { filter: { ids: [WINDOWS_AGENT.id] } }, BOB_TOKEN);

    const { json } = await sim.call(`/activities?createdAt__gte=2026-01-02T00:00:00Z&limit=100`);
    const rows = json.data.map((a: Record<string, unknown>) => [
      a.activityType,
      a.userId,
      a.threatId,
      a.agentId,
      (a.data as { username: string }).username,
    ]);
    expect(rows).toEqual([
      [4004, ALICE.id, PS, WINDOWS_AGENT.id, ALICE.fullName],
      [4002, ALICE.id, PS, WINDOWS_AGENT.id, ALICE.fullName],
      [4003, BOB.id, PS, WINDOWS_AGENT.id, BOB.fullName],
      [2001, BOB.id, PS, WINDOWS_AGENT.id, BOB.fullName],
      [61, ALICE.id, null, WINDOWS_AGENT.id, ALICE.fullName],
      [62, BOB.id, null, WINDOWS_AGENT.id, BOB.fullName],
    ]);
    expect(json.data[1].primaryDescription).toBe(
      'The management user Alice Analyst (alice.analyst@example.com) changed the analyst verdict ' +
        'of threat stage2.exe to True positive.',
    );
    expect(json.data[4].primaryDescription).toBe(
      'The management user Alice Analyst (alice.analyst@example.com) issued a disconnect from ' +
        'network command to WIN-DESK01.',
    );
  });

  it('filters by threat, agent, type, user and time and sorts', async () => {
    const sim = createTestSimulator();
    await sim.call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'a' }, filter: { ids: [WS] } },
    });
    await sim.call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'b' }, filter: { ids: [PS] } },
      token: BOB_TOKEN,
    });
    const types = async (query: string) =>
      (await sim.call(`/activities?${query}`)).json.data.map(
        (a: { activityType: number; threatId: string }) => `${a.activityType}:${a.threatId}`,
      );

    expect(await types(`threatIds=${WS}`)).toEqual([`18:${WS}`, `4004:${WS}`]);
    expect(await types(`agentIds=${WINDOWS_AGENT.id}&activityTypes=18`)).toEqual([
      `18:${PS}`,
      `18:${THREAT_IDS.ransomware}`,
    ]);
    expect(await types(`userEmails=${BOB.email}`)).toEqual([`4004:${PS}`]);
    expect(await types(`userIds=${ALICE.id}`)).toEqual([`4004:${WS}`]);
    expect(await types('createdAt__lt=2026-01-01T10:10:00Z')).toEqual([`18:${PS}`]);
    expect(await types('activityTypes=4004&sortOrder=desc')).toEqual([`4004:${PS}`, `4004:${WS}`]);
  });

  it('rejects a non-numeric activity type', async () => {
    const sim = createTestSimulator();
    const { status, json } = await sim.call('/activities?activityTypes=note');
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe('activityTypes must be a comma-separated list of integers');
  });

  it('lists the activity types it uses', async () => {
    const sim = createTestSimulator();
    const { json } = await sim.call('/activities/types');
    expect(json.data.map((t: { id: number }) => t.id)).toEqual([
      18, 2001, 4002, 4003, 4004, 61, 62,
    ]);
  });
});
