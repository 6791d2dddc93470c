import { describe, expect, it } from 'vitest';
import type { ScriptedReply } from '../testing/fake-fetch.ts';
import { activityJson, page } from '../testing/fixtures.ts';
import { scriptedClient } from '../testing/scripted-client.ts';
import { collectItems } from './iterate-pages.ts';

const THREAT = '715723437013282014';

function setup(...replies: ScriptedReply[]) {
  return scriptedClient(replies);
}

describe('activities', () => {
  it('lists activities of a threat within a time window', async () => {
    const { client, fake } = setup({ json: page([activityJson('222222222222222222')], null) });

    const activities = await client.listActivities({
      threatIds: [THREAT],
      activityTypes: [19, 4002],
      createdAt__gte: '2026-01-01T00:00:00Z',
      createdAt__lt: '2026-01-02T00:00:00Z',
      sortBy: 'createdAt',
      sortOrder: 'asc',
    });

    expect(activities.items[0]).toMatchObject({
      id: '222222222222222222',
      activityType: 19,
      threatId: THREAT,
      userId: null,
    });
    expect(Object.fromEntries(fake.calls[0]?.url.searchParams ?? [])).toEqual({
      threatIds: THREAT,
      activityTypes: '19,4002',
      createdAt__gte: '2026-01-01T00:00:00Z',
      createdAt__lt: '2026-01-02T00:00:00Z',
      sortBy: 'createdAt',
      sortOrder: 'asc',
    });
  });

  it('iterates activities by cursor', async () => {
    const { client, fake } = setup(
      { json: page([activityJson('1')], 'x', 2) },
      { json: page([activityJson('2')], null, 2) },
    );

    const ids = (await collectItems(client.iterateActivities({ agentIds: ['5'] }))).map(
      (a) => a.id,
    );

    expect(ids).toEqual(['1', '2']);
    expect(fake.calls[1]?.url.searchParams.get('cursor')).toBe('x');
    expect(fake.calls[1]?.url.searchParams.get('agentIds')).toBe('5');
  });

  it('refuses a negative activity type', async () => {
    const { client } = setup();

    await expect(client.listActivities({ activityTypes: [-1] })).rejects.toMatchObject({
      problems: [{ path: 'activityTypes.0' }],
    });
  });
});
