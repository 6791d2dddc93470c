import { describe, expect, it } from 'vitest';
import {
  LINUX_AGENT,
  STORYLINES,
  THREAT_IDS,
  WINDOWS_AGENT,
} from '../../store/testing/small-scenario.ts';
import { createTestSimulator, TEST_START } from '../testing/test-simulator.ts';

const { powershell: PS, ransomware: RW, webshell: WS } = THREAT_IDS;

async function threatIds(path: string): Promise<string[]> {
  const { call } = createTestSimulator();
  const { status, json } = await call(path);
  expect(status).toBe(200);
  return json.data.map((threat: { id: string }) => threat.id);
}

describe('GET /threats', () => {
  it('renders the 2.3 threat object', async () => {
    const { call } = createTestSimulator();
    const { json } = await call(`/threats?ids=${PS}`);
    const [threat] = json.data;

    expect(Object.keys(threat)).toEqual([
      'id',
      'agentDetectionInfo',
      'agentRealtimeInfo',
      'containerInfo',
      'customDetectionRules',
      'ecsInfo',
      'indicators',
      'kubernetesInfo',
      'mitigationStatus',
      'threatInfo',
      'whiteningOptions',
    ]);
    expect(threat.threatInfo).toMatchObject({
      threatId: PS,
      threatName: 'stage2.exe',
      classification: 'Malware',
      confidenceLevel: 'malicious',
      analystVerdict: 'undefined',
      analystVerdictDescription: 'Undefined',
      incidentStatus: 'unresolved',
      incidentStatusDescription: 'Unresolved',
      mitigationStatus: 'not_mitigated',
      storyline: STORYLINES.powershell,
      sha1: '1111111111111111111111111111111111111111',
      filePath: 'C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.exe',
      fileExtension: 'EXE',
      fileExtensionType: 'Executable',
      createdAt: '2026-01-01T10:05:00.000000Z',
      updatedAt: '2026-01-01T10:05:00.000000Z',
      originatorProcess: 'powershell.exe',
      maliciousProcessArguments: 'powershell -enc SQBFAFgA',
      engines: ['DBT - Executables'],
      detectionEngines: [{ key: 'dbt_executables', title: 'DBT - Executables' }],
    });
    expect(threat.agentRealtimeInfo).toMatchObject({
      agentId: WINDOWS_AGENT.id,
      agentComputerName: 'WIN-DESK01',
      agentOsType: 'windows',
      agentNetworkStatus: 'connected',
      agentUuid: WINDOWS_AGENT.uuid,
      activeThreats: 2,
    });
    expect(threat.agentDetectionInfo).toMatchObject({
      agentUuid: WINDOWS_AGENT.uuid,
      agentIpV4: '10.0.0.21',
      agentIpV6: 'fe80::1',
      agentLastLoggedInUserName: 'alice',
      siteName: 'Default site',
    });
    expect(threat.indicators[0].tactics[0]).toEqual({
      name: 'Persistence',
      source: 'MITRE',
      techniques: [{ name: 'T1547.001', link: 'https://attack.mitre.org/techniques/T1547/001/' }],
    });
    expect(threat.mitigationStatus).toEqual([]);
    expect(threat.id).toMatch(/^\d{19}$/);
  });

  it.each([
    [`ids=${RW},${WS}`, [RW, WS]],
    [`idsNin=${RW}`, [PS, WS]],
    [`agentIds=${LINUX_AGENT.id}`, [WS]],
    [`agentIdsNin=${LINUX_AGENT.id}`, [PS, RW]],
    [`storylines=${STORYLINES.ransomware}`, [RW]],
    [`storylinesNin=${STORYLINES.ransomware}`, [PS, WS]],
    ['classifications=Malware,Miner', [PS, WS]],
    ['classifications=malware', [PS]],
    ['classificationsNin=Malware', [RW, WS]],
    ['incidentStatuses=in_progress', [WS]],
    ['incidentStatusesNin=in_progress', [PS, RW]],
    ['analystVerdicts=undefined', [PS, RW, WS]],
    ['analystVerdictsNin=undefined', []],
    ['confidenceLevels=suspicious', [WS]],
    ['confidenceLevelsNin=suspicious', [PS, RW]],
    ['mitigationStatuses=not_mitigated', [PS, RW, WS]],
    ['createdAt__gt=2026-01-01T10:05:00.000000Z', [RW, WS]],
    ['createdAt__gte=2026-01-01T10:05:00.000000Z', [PS, RW, WS]],
    ['createdAt__lt=2026-01-01T10:14:00Z', [PS]],
    ['createdAt__lte=2026-01-01T10:14:00Z', [PS, RW]],
    ['createdAt__gt=2026-01-01T10:05:00Z&createdAt__lt=2026-01-01T10:24:00Z', [RW]],
    [`createdAt__gt=${Date.UTC(2026, 0, 1, 10, 14)}`, [WS]],
    ['updatedAt__gte=2026-01-01T10:24:00Z', [WS]],
    ['updatedAt__lte=2026-01-01T10:05:00Z', [PS]],
    ['sortBy=id&sortOrder=desc', [WS, RW, PS]],
    ['sortBy=classification', [PS, WS, RW]],
    ['sortBy=createdAt&sortOrder=desc', [WS, RW, PS]],
  ])('filters and sorts with %s', async (query, expected) => {
    expect(await threatIds(`/threats?${query}`)).toEqual(expected);
  });

  it.each([
    ['ids=abc', 'ids must be a comma-separated list of numeric ids'],
    [
      'incidentStatuses=open',
      'incidentStatuses has an invalid value "open"; allowed values are unresolved, in_progress, ' +
        'resolved',
    ],
    [
      'analystVerdicts=bad',
      'analystVerdicts has an invalid value "bad"; allowed values are true_positive, suspicious, ' +
        'false_positive, undefined',
    ],
    [
      'createdAt__gt=yesterday',
      'createdAt__gt must be an ISO-8601 timestamp such as 2024-01-01T00:00:00.000000Z',
    ],
    ['ids=', 'ids must not be empty'],
  ])('rejects the malformed filter %s', async (query, detail) => {
    const { call } = createTestSimulator();
    const { status, json } = await call(`/threats?${query}`);
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ code: 4000010, title: 'Validation Error', detail }]);
  });

  it('rejects a list in the query string longer than the maximum, naming both', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call(`/threats?storylines=${'S,'.repeat(5_001)}`);
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      {
        code: 4000010,
        title: 'Validation Error',
        detail: 'storylines has 5001 items; at most 5000 are allowed',
      },
    ]);
  });
});

describe('threat notes', () => {
  it('adds a note to each threat of the filter and lists it with its creator', async () => {
    const { call } = createTestSimulator();
    const added = await call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'Looks like a loader.' }, filter: { ids: [PS, RW] } },
    });
    expect(added.json).toEqual({ data: { affected: 2 } });

    const { status, json } = await call(`/threats/${PS}/notes`);
    expect(status).toBe(200);
    expect(json.pagination).toEqual({ nextCursor: null, totalItems: 1 });
    expect(json.data[0]).toMatchObject({
      text: 'Looks like a loader.',
      creator: 'Alice Analyst',
      creatorId: '1500000000000000001',
      createdAt: '2026-01-02T09:00:00.000000Z',
      edited: false,
    });
    expect((await call(`/threats/${WS}/notes`)).json.data).toEqual([]);
  });

  it('counts only threats that exist', async () => {
    const { call } = createTestSimulator();
    const { json } = await call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'x' }, filter: { ids: ['999', PS] } },
    });
    expect(json).toEqual({ data: { affected: 1 } });
  });

  it("refuses the tester's 32,767 ids with a 400 naming the list and its maximum", async () => {
    const { call } = createTestSimulator();
    const ids = Array.from({ length: 32_767 }, (_, i) => String(1_000_000 + i));
    const { status, json } = await call('/threats/notes', {
      method: 'POST',
      body: { filter: { ids }, data: { text: 'x' } },
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      {
        code: 4000010,
        title: 'Validation Error',
        detail: 'filter.ids has 32767 items; at most 5000 are allowed',
      },
    ]);
  });

  it('acts on a filter of many full lists, more values than SQLite binds', async () => {
    const { call } = createTestSimulator();
    const many = (prefix: string) =>
      Array.from({ length: 5_000 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
    const filter = {
      ids: [PS, ...many('17000000000000').slice(1)],
      idsNin: many('16000000000000'),
      agentIds: [WINDOWS_AGENT.id, ...many('15000000000000').slice(1)],
      agentIdsNin: many('14000000000000'),
      storylinesNin: many('S'),
      classificationsNin: many('C'),
      mitigationStatusesNin: many('M'),
    };
    const { status, json } = await call('/threats/notes', {
      method: 'POST',
      body: { filter, data: { text: 'x' } },
    });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { affected: 1 } });
  });

  it('refuses a filter that only excludes, which would note every other threat', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/notes', {
      method: 'POST',
      body: { filter: { idsNin: ['1'] }, data: { text: 'x' } },
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toMatch(
      /^filter must name the threats to act on, with one of: ids, agentIds, storylines, /,
    );
    expect(json.errors[0].detail).toMatch(
      /; exclusions such as idsNin only narrow that selection$/,
    );
    expect((await call(`/threats/${PS}/notes`)).json.data).toEqual([]);
  });

  it('refuses a numeric id too large to read exactly instead of rounding it', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/notes', {
      method: 'POST',
      body: '{"filter":{"ids":[789015512509114197]},"data":{"text":"x"}}',
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'Request body has the number 789015512509114197, which is too large to read exactly; ' +
        'send ids as strings, or as numbers up to 9007199254740991',
    );
  });

  it('still takes ids written as safe integers', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/notes', {
      method: 'POST',
      body: '{"filter":{"ids":[9007199254740991]},"data":{"text":"x"}}',
    });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { affected: 0 } });
  });

  it('answers 404 for the notes of an unknown threat', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/123456/notes');
    expect(status).toBe(404);
    expect(json.errors).toEqual([
      { code: 4040010, title: 'Resource not found', detail: 'Threat 123456 not found' },
    ]);
  });

  it.each([
    [{ data: { text: 'x' } }, 'filter: Invalid input: expected object, received undefined'],
    [
      { data: { text: 'x' }, filter: { tenant: true } },
      expect.stringMatching(/^filter must name the threats to act on, with one of: ids, /),
    ],
    [{ data: { text: '  ' }, filter: { ids: [PS] } }, 'data.text must not be empty'],
    [{ data: {}, filter: { ids: [PS] } }, 'data.text must be a string'],
    [
      { data: { text: 'x' }, filter: { ids: ['x1'] } },
      'filter.ids must be a comma-separated list of numeric ids',
    ],
  ])('rejects the body %j', async (body, detail) => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/notes', { method: 'POST', body });
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ code: 4000010, title: 'Validation Error', detail }]);
  });
});

describe('verdict and incident status', () => {
  it('changes the analyst verdict and shows it in GET /threats', async () => {
    const { call, clock } = createTestSimulator();
    clock.advance(60_000);
    const { json } = await call('/threats/analyst-verdict', {
      method: 'POST',
      body: { data: { analystVerdict: 'true_positive' }, filter: { ids: [PS], tenant: 'true' } },
    });
    expect(json).toEqual({ data: { affected: 1 } });

    const threat = (await call(`/threats?ids=${PS}`)).json.data[0];
    expect(threat.threatInfo.analystVerdict).toBe('true_positive');
    expect(threat.threatInfo.analystVerdictDescription).toBe('True positive');
    expect(threat.threatInfo.updatedAt).toBe('2026-01-02T09:01:00.000000Z');
    expect((await call('/threats?analystVerdicts=true_positive')).json.data).toHaveLength(1);
    expect((await call(`/threats?updatedAt__gt=${TEST_START}`)).json.data).toHaveLength(1);
  });

  it('changes the incident status, and the verdict when given too', async () => {
    const { call } = createTestSimulator();
    const { json } = await call('/threats/incident', {
      method: 'POST',
      body: {
        data: { incidentStatus: 'resolved', analystVerdict: 'false_positive' },
        filter: { storylines: [STORYLINES.webshell] },
      },
    });
    expect(json).toEqual({ data: { affected: 1 } });

    const info = (await call(`/threats?ids=${WS}`)).json.data[0].threatInfo;
    expect([info.incidentStatus, info.incidentStatusDescription, info.analystVerdict]).toEqual([
      'resolved',
      'Resolved',
      'false_positive',
    ]);
  });

  it('rejects an unknown verdict', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/analyst-verdict', {
      method: 'POST',
      body: { data: { analystVerdict: 'malicious' }, filter: { ids: [PS] } },
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'data.analystVerdict has an invalid value "malicious"; allowed values are true_positive, ' +
        'suspicious, false_positive, undefined',
    );
  });
});

describe('POST /threats/mitigate/{action}', () => {
  it('appends a mitigationStatus entry and marks the threat mitigated', async () => {
    const { call } = createTestSimulator();
    const { json } = await call('/threats/mitigate/kill', {
      method: 'POST',
      body: { filter: { ids: [PS] }, data: {} },
    });
    expect(json).toEqual({ data: { affected: 1 } });
    await call('/threats/mitigate/quarantine', { method: 'POST', body: { filter: { ids: [PS] } } });

    const threat = (await call(`/threats?ids=${PS}`)).json.data[0];
    expect(threat.threatInfo.mitigationStatus).toBe('mitigated');
    expect(threat.mitigationStatus.map((m: { action: string }) => m.action)).toEqual([
      'quarantine',
      'kill',
    ]);
    expect(threat.mitigationStatus[0]).toMatchObject({
      status: 'success',
      actionsCounters: { failed: 0, notFound: 0, pendingReboot: 0, success: 1, total: 1 },
      mitigationStartedAt: '2026-01-02T09:00:00.000000Z',
    });
    expect(threat.mitigationStatus[0].latestReport).toBe(
      `/threats/mitigation-report/${threat.mitigationStatus[0].reportId}`,
    );
  });

  it('does not affect threats on systems the action does not support', async () => {
    const { call } = createTestSimulator();
    const { json } = await call('/threats/mitigate/rollback-remediation', {
      method: 'POST',
      body: { filter: { ids: [PS, WS] } },
    });
    expect(json).toEqual({ data: { affected: 1 } });
    expect((await call(`/threats?ids=${WS}`)).json.data[0].mitigationStatus).toEqual([]);
  });

  it('starts isolating the endpoint on network-quarantine', async () => {
    const { call } = createTestSimulator();
    await call('/threats/mitigate/network-quarantine', {
      method: 'POST',
      body: { filter: { ids: [WS] } },
    });
    const agent = (await call(`/agents?ids=${LINUX_AGENT.id}`)).json.data[0];
    expect(agent.networkStatus).toBe('disconnecting');
  });

  it('rejects an unknown action', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call('/threats/mitigate/nuke', {
      method: 'POST',
      body: { filter: { ids: [PS] } },
    });
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe(
      'Unknown mitigation action "nuke"; allowed actions are kill, quarantine, un-quarantine, ' +
        'remediate, rollback-remediation, network-quarantine',
    );
  });
});

describe('GET /threats/{id}/timeline', () => {
  it('lists the threat activities oldest first, filtered by type', async () => {
    const { call } = createTestSimulator();
    await call('/threats/notes', {
      method: 'POST',
      body: { data: { text: 'n' }, filter: { ids: [RW] } },
    });
    await call('/threats/analyst-verdict', {
      method: 'POST',
      body: { data: { analystVerdict: 'suspicious' }, filter: { ids: [RW] } },
    });

    const all = (await call(`/threats/${RW}/timeline`)).json;
    expect(all.pagination.totalItems).toBe(3);
    expect(all.data.map((item: { activityType: number }) => item.activityType)).toEqual([
      18, 4004, 4002,
    ]);
    expect(all.data[0]).toMatchObject({
      threatId: RW,
      agentId: WINDOWS_AGENT.id,
      createdAt: '2026-01-01T10:14:00.000000Z',
      primaryDescription: 'Threat detected on WIN-DESK01: invoice.exe (malicious).',
      siteName: 'Default site',
      userId: null,
    });

    const verdicts = (await call(`/threats/${RW}/timeline?activityTypes=4002`)).json;
    expect(verdicts.data).toHaveLength(1);
    expect(verdicts.data[0].userId).toBe('1500000000000000001');
  });

  it('answers 404 for an unknown threat', async () => {
    const { call } = createTestSimulator();
    expect((await call('/threats/42/timeline')).status).toBe(404);
  });
});

describe('GET /threats/{id}/explore/events', () => {
  it('lists the storyline events of the threat, paged', async () => {
    const { call } = createTestSimulator();
    const first = await call(`/threats/${RW}/explore/events?limit=5`);
    expect(first.json.pagination.totalItems).toBe(8);
    expect(first.json.data).toHaveLength(5);
    expect(first.json.data[0]).toMatchObject({
      id: '1700000000000000013',
      eventType: 'Process Creation',
      srcProcStorylineId: STORYLINES.ransomware,
      agentName: 'WIN-DESK01',
    });

    const cursor = encodeURIComponent(first.json.pagination.nextCursor);
    const rest = await call(`/threats/${RW}/explore/events?limit=5&cursor=${cursor}`);
    expect(rest.json.data.map((e: { id: string }) => e.id)).toEqual([
      '1700000000000000018',
      '1700000000000000019',
      '1700000000000000020',
    ]);
    expect(rest.json.pagination.nextCursor).toBeNull();
  });

  it('filters by event type in both vocabularies', async () => {
    const { call } = createTestSimulator();
    const byName = await call(
      `/threats/${PS}/explore/events?eventTypes=DNS%20Resolved,IP%20Connect`,
    );
    expect(byName.json.data.map((e: { eventType: string }) => e.eventType)).toEqual([
      'DNS Resolved',
      'IP Connect',
      'IP Connect',
      'DNS Resolved',
    ]);
    const bySlug = await call(`/threats/${PS}/explore/events?eventTypes=file`);
    expect(bySlug.json.pagination.totalItems).toBe(3);
  });

  it('sorts by event type', async () => {
    const { call } = createTestSimulator();
    const { json } = await call(`/threats/${WS}/explore/events?sortBy=eventType&limit=3`);
    expect(json.data.map((e: { eventType: string }) => e.eventType)).toEqual([
      'DNS Resolved',
      'DNS Unresolved',
      'IP Connect',
    ]);
  });

  it('rejects an unknown event type', async () => {
    const { call } = createTestSimulator();
    const { status, json } = await call(`/threats/${PS}/explore/events?eventTypes=Teleport`);
    expect(status).toBe(400);
    expect(json.errors[0].detail).toBe('eventTypes has an unknown event type "Teleport"');
  });

  it('answers 404 for an unknown threat', async () => {
    const { call } = createTestSimulator();
    expect((await call('/threats/42/explore/events')).status).toBe(404);
  });
});
