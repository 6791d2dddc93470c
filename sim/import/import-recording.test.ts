import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../lib/clock.ts';
import { Scenario } from '../scenario.ts';
import { createAttackCatalog } from './attack/attack-catalog.ts';
import { importRecording, scenarioIdOf } from './import-recording.ts';
import { scratchFolder, tarGzBytes, writeBytes, zipBytes } from './testing/archives.ts';
import {
  ATTACK_COMMAND,
  CMD,
  POWERSHELL,
  phishingRecords,
  WORD,
  writeSampleLayout,
} from './testing/sample-recording.ts';
import {
  guid,
  ndjson,
  securityEvent,
  sysmonEvent,
  sysmonProcessCreate,
} from './testing/windows-events.ts';

const attack = createAttackCatalog({
  source: 'test catalogue',
  tactics: [
    { id: 'TA0002', shortname: 'execution', name: 'Execution' },
    { id: 'TA0003', shortname: 'persistence', name: 'Persistence' },
    { id: 'TA0004', shortname: 'privilege-escalation', name: 'Privilege Escalation' },
  ],
  techniques: [
    { id: 'T1204.002', name: 'Malicious File', tactics: ['TA0002'], deprecated: false },
    { id: 'T1059.001', name: 'PowerShell', tactics: ['TA0002'], deprecated: false },
    { id: 'T1086', name: 'PowerShell', tactics: ['TA0002'], deprecated: true },
    {
      id: 'T1547.001',
      name: 'Registry Run Keys / Startup Folder',
      tactics: ['TA0003', 'TA0004'],
      deprecated: false,
    },
  ],
});

async function importSample(options: Parameters<typeof writeSampleLayout>[0] = {}) {
  const layout = writeSampleLayout(options);
  const result = await importRecording({
    path: layout.recordingPath,
    datasetsRoot: layout.datasetsRoot,
    attack,
  });
  return { ...result, layout };
}

function eventWhere(scenario: Scenario, predicate: (event: Scenario['events'][number]) => boolean) {
  const event = scenario.events.find(predicate);
  if (event === undefined) {
    throw new Error('no such event');
  }
  return event;
}

describe('importRecording', () => {
  it('builds a scenario the contract accepts, named after the recording and its metadata', async () => {
    const { scenario } = await importSample();

    expect(Scenario.parse(scenario)).toEqual(scenario);
    expect(scenario.id).toBe('otrf-phish');
    expect(scenario.title).toBe('Phishing macro starts PowerShell');
    expect(scenario.description).toBe('A macro document runs an encoded download cradle.');
    expect(scenario.source).toEqual({
      kind: 'otrf',
      path: 'datasets/atomic/windows/execution/host/phish.zip',
      metadataId: 'SDWIN-240301100000',
    });
  });

  it('describes the endpoint from what the recording shows', async () => {
    const { scenario } = await importSample();

    expect(scenario.agents).toHaveLength(1);
    expect(scenario.agents[0]).toMatchObject({
      computerName: 'WORKSTATION5',
      osType: 'windows',
      osName: 'Windows 10 1903',
      machineType: 'desktop',
      domain: 'lab.local',
      siteName: 'Default site',
      ipAddresses: ['10.0.0.5'],
      lastLoggedInUserName: 'alice',
    });
    expect(scenario.agents[0]?.id).toMatch(/^\d{18}$/);
    expect(scenario.agents[0]?.uuid).toMatch(/^[0-9a-f]{32}$/);
  });

  it('maps the Sysmon process creation with parent as source and new process as target', async () => {
    const { scenario } = await importSample();
    const agent = scenario.agents[0];
    const creation = eventWhere(
      scenario,
      (event) => event['event.type'] === 'Process Creation' && event['tgt.process.pid'] === 4000,
    );
    const cmd = eventWhere(scenario, (event) => event['tgt.process.pid'] === 3000);
    const word = eventWhere(scenario, (event) => event['tgt.process.pid'] === 2000);

    expect(creation).toEqual({
      'event.id': expect.stringMatching(/^\d{18}$/),
      'event.type': 'Process Creation',
      'event.category': 'process',
      'event.time': '2024-03-01T10:00:06.000Z',
      'agent.id': agent?.id,
      'agent.uuid': agent?.uuid,
      'endpoint.name': 'WORKSTATION5',
      'endpoint.os': 'windows',
      'endpoint.type': 'desktop',
      'site.name': 'Default site',
      'src.process.name': 'cmd.exe',
      'src.process.cmdline': `cmd.exe /c ${ATTACK_COMMAND}`,
      'src.process.image.path': CMD,
      'src.process.image.sha1': '282da9ee6c5e9be8d5a7f2e8b6d4c1a0b9f8e7d6',
      'src.process.image.sha256':
        'eaae8536a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c',
      'src.process.image.md5': 'a23a7a6b4a7e2c1b0d9f8e7d6c5b4a39',
      'src.process.pid': 3000,
      'src.process.uid': cmd['tgt.process.uid'],
      'src.process.storyline.id': word['tgt.process.storyline.id'],
      'src.process.user': 'LAB\\alice',
      'src.process.displayName': 'Test image',
      'src.process.integrityLevel': 'MEDIUM',
      'src.process.startTime': '2024-03-01T10:00:05.000Z',
      'src.process.isStorylineRoot': false,
      'src.process.parent.name': 'WINWORD.EXE',
      'src.process.parent.cmdline': '"WINWORD.EXE" /n "C:\\Users\\alice\\Downloads\\invoice.docm"',
      'src.process.parent.image.path': WORD,
      'src.process.parent.image.sha1': '282da9ee6c5e9be8d5a7f2e8b6d4c1a0b9f8e7d6',
      'src.process.parent.pid': 2000,
      'src.process.parent.uid': word['tgt.process.uid'],
      'src.process.parent.storyline.id': word['tgt.process.storyline.id'],
      'tgt.process.name': 'powershell.exe',
      'tgt.process.cmdline': ATTACK_COMMAND,
      'tgt.process.image.path': POWERSHELL,
      'tgt.process.image.sha1': '282da9ee6c5e9be8d5a7f2e8b6d4c1a0b9f8e7d6',
      'tgt.process.image.sha256':
        'eaae8536a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c',
      'tgt.process.image.md5': 'a23a7a6b4a7e2c1b0d9f8e7d6c5b4a39',
      'tgt.process.pid': 4000,
      'tgt.process.uid': expect.stringMatching(/^[0-9A-F]{16}$/),
      'tgt.process.storyline.id': word['tgt.process.storyline.id'],
      'tgt.process.user': 'LAB\\alice',
      'tgt.process.displayName': 'Test image',
      'tgt.process.integrityLevel': 'MEDIUM',
    });
    // WINWORD started from explorer (a boundary) roots the storyline.
    expect(word['tgt.process.storyline.id']).not.toBe(word['src.process.storyline.id']);
  });

  it('puts every event in time order with a storyline and a unique 18-digit id', async () => {
    const { scenario } = await importSample();
    const times = scenario.events.map((event) => String(event['event.time']));
    const ids = scenario.events.map((event) => String(event['event.id']));

    expect(times).toEqual([...times].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const event of scenario.events) {
      expect(event['event.id']).toMatch(/^\d{18}$/);
      expect(event['src.process.storyline.id']).toMatch(/^[0-9A-F]{16}$/);
    }
  });

  it('corrects the clocks of events without UtcTime by the offset Sysmon reveals', async () => {
    const { scenario, summary } = await importSample();

    expect(summary.clockOffsetsMinutes).toEqual({ TimeCreated: -240, '@timestamp': 0 });
    expect(eventWhere(scenario, (event) => event['event.type'] === 'Login')['event.time']).toBe(
      '2024-03-01T10:00:13.000Z',
    );
    expect(
      eventWhere(scenario, (event) => event['event.type'] === 'Command Script')['event.time'],
    ).toBe('2024-03-01T10:00:15.000Z');
  });

  it('places the threat on the creation whose command line the attacker typed', async () => {
    const { scenario, summary } = await importSample();
    const creation = eventWhere(scenario, (event) => event['tgt.process.pid'] === 4000);
    const threat = scenario.threats[0];

    expect(scenario.threats).toHaveLength(1);
    expect(threat).toMatchObject({
      agentId: scenario.agents[0]?.id,
      eventId: creation['event.id'],
      storyline: creation['tgt.process.storyline.id'],
      createdAt: '2024-03-01T10:00:10.000Z',
      threatName: 'powershell.exe',
      classification: 'Malware',
      confidenceLevel: 'malicious',
      filePath: POWERSHELL,
      sha1: '282da9ee6c5e9be8d5a7f2e8b6d4c1a0b9f8e7d6',
      commandLine: ATTACK_COMMAND,
      originatorProcess: 'cmd.exe',
      processUser: 'LAB\\alice',
    });
    expect(threat?.id).toMatch(/^\d{18}$/);
    expect(threat?.indicators[0]).toEqual({
      category: 'General',
      description: 'Behaviour consistent with Malicious File (T1204.002).',
      tactics: [
        {
          name: 'Execution',
          source: 'MITRE',
          techniques: [
            { name: 'T1204.002', link: 'https://attack.mitre.org/techniques/T1204/002/' },
          ],
        },
      ],
    });
    expect(summary.threat).toMatchObject({
      eventId: creation['event.id'],
      eventType: 'Process Creation',
      endpoint: 'WORKSTATION5',
      method: 'adversary_view',
      matchedCommand: ATTACK_COMMAND,
    });
  });

  it('writes the ground truth: normalised techniques, lineage, IOCs and commands', async () => {
    const { scenario } = await importSample();
    const uidOf = (pid: number) =>
      eventWhere(scenario, (event) => event['tgt.process.pid'] === pid)['tgt.process.uid'];

    expect(scenario.groundTruth).toEqual({
      verdict: 'true_positive',
      severity: 'high',
      techniques: ['T1204.002', 'T1059.001', 'T1547.001'],
      sourceTechniques: ['T1204.002', 'T1086', 'T1547.001'],
      maliciousProcessUids: [uidOf(2000), uidOf(3000), uidOf(4000), uidOf(5500)],
      rootCauseProcessUid: uidOf(2000),
      affectedEndpoints: ['WORKSTATION5'],
      iocs: [
        { type: 'sha256', value: '3'.repeat(64) },
        { type: 'sha1', value: '1'.repeat(40) },
        { type: 'md5', value: '2'.repeat(32) },
        { type: 'path', value: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe' },
        { type: 'url', value: 'https://cdn.evil.example/stage.ps1' },
        { type: 'domain', value: 'cdn.evil.example' },
        { type: 'ip', value: '203.0.113.10' },
      ],
      attackerCommands: [`PS C:\\Users\\alice> ${ATTACK_COMMAND}`],
      notes: expect.stringContaining('T1086 → T1059.001'),
    });
  });

  it('counts records per source and events per type, with malformed and unrecognised lines', async () => {
    const { summary } = await importSample({
      extraLines: ['{"Channel": "Security", "EventID": 4624,', 'garbage', '{"NoChannel": true}'],
    });

    expect(summary.lines).toBe(16);
    expect(summary.malformedLines).toBe(2);
    expect(summary.unrecognisedRecords).toBe(1);
    expect(summary.ignoredRecords).toBe(1);
    expect(summary.sources['Microsoft-Windows-Sysmon/Operational 1']).toEqual({
      records: 5,
      mapped: 5,
    });
    expect(summary.sources['Security 4658']).toEqual({ records: 1, mapped: 0 });
    expect(summary.eventTypes).toEqual({
      'Process Creation': 5,
      'DNS Resolved': 1,
      'IP Connect': 1,
      'File Creation': 1,
      'Registry Value Modified': 1,
      'Module Load': 1,
      Login: 1,
      'Command Script': 1,
    });
    expect(summary.events).toBe(12);
    expect(summary.metadata).toMatchObject({ id: 'SDWIN-240301100000', matchedBy: 'link' });
  });

  it('imports the same recording to the same scenario every time', async () => {
    const layout = writeSampleLayout();
    const run = () =>
      importRecording({ path: layout.recordingPath, datasetsRoot: layout.datasetsRoot, attack });

    const [first, second] = await Promise.all([run(), run()]);

    expect(second.scenario).toEqual(first.scenario);
  });

  it('times the import with the injected clock', async () => {
    const layout = writeSampleLayout();
    const clock = createManualClock();

    const { summary } = await importRecording({ path: layout.recordingPath, clock });

    expect(summary.durationMs).toBe(0);
  });

  it('reads NXLog records with lower-case channels and FQDN or short host names as one endpoint', async () => {
    const folder = scratchFolder();
    const records = [
      sysmonProcessCreate({
        host: 'ws6.corp.example',
        utc: '2024-03-01 10:00:00.000',
        processGuid: guid(1),
        pid: 100,
        image: 'C:\\Users\\bob\\Desktop\\tool.exe',
        commandLine: 'tool.exe --dump',
      }),
      {
        Channel: 'security',
        EventID: 4624,
        Hostname: 'WS6',
        host: 'wec.internal.cloudapp.net',
        EventTime: '2024-03-01 06:00:05',
        EventReceivedTime: '2024-03-01 06:00:06',
        SourceModuleType: 'im_msvistalog',
        LogonType: 3,
        TargetUserName: 'bob',
        TargetDomainName: 'CORP',
      },
      {
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 12,
        Hostname: 'ws6.corp.example',
        UtcTime: '2024-03-01 10:00:09.000',
        EventTime: '2024-03-01 06:00:09',
        EventType: 'INFO',
        EventTypeOrignal: 'CreateKey',
        ProcessGuid: guid(1),
        TargetObject: 'HKLM\\SOFTWARE\\Tool',
      },
    ];
    const path = writeBytes(folder, 'nxlog.json', ndjson(records));

    const { scenario, summary } = await importRecording({ path });

    expect(scenario.agents.map((agent) => agent.computerName)).toEqual(['ws6']);
    expect(scenario.agents[0]?.domain).toBe('corp.example');
    expect(summary.clockOffsetsMinutes).toEqual({ EventTime: -240, '@timestamp': 0 });
    expect(eventWhere(scenario, (event) => event['event.type'] === 'Login')['event.time']).toBe(
      '2024-03-01T10:00:05.000Z',
    );
    expect(
      eventWhere(scenario, (event) => event['event.type'] === 'Registry Key Create'),
    ).toMatchObject({
      'registry.keyPath': 'HKLM\\SOFTWARE\\Tool',
      'src.process.name': 'tool.exe',
    });
  });

  it('copes with records missing host, time and process fields', async () => {
    const path = writeBytes(
      scratchFolder(),
      'sparse.json',
      ndjson([
        sysmonProcessCreate({
          utc: '2024-03-01 10:00:00.000',
          processGuid: guid(1),
          pid: 100,
          image: 'C:\\Windows\\System32\\cmd.exe',
          commandLine: 'cmd.exe',
        }),
        { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 3 },
        { Channel: 'Security', EventID: 4624, Hostname: 'WORKSTATION5' },
        sysmonEvent(11, { utc: '2024-03-01 10:00:02.000' }),
      ]),
    );

    const { scenario, summary } = await importRecording({ path });

    expect(scenario.agents).toHaveLength(1);
    expect(scenario.events).toHaveLength(4);
    expect(summary.undatedRecords).toBe(2);
    const network = eventWhere(scenario, (event) => event['event.type'] === 'IP Connect');
    expect(network['endpoint.name']).toBe('WORKSTATION5');
    expect(network['event.network.direction']).toBe('OUTGOING');
    expect(network['src.ip.address']).toBeUndefined();
    expect(network['src.process.storyline.id']).toMatch(/^[0-9A-F]{16}$/);
  });

  it('imports a recording without metadata, placing the threat by suspicion', async () => {
    const { scenario, summary } = await importSample({ withMetadata: false });

    expect(summary.metadata).toBeNull();
    expect(summary.threat.method).toBe('heuristic');
    expect(scenario.threats[0]?.confidenceLevel).toBe('suspicious');
    expect(scenario.threats[0]?.commandLine).toBe(ATTACK_COMMAND);
    expect(scenario.groundTruth).toMatchObject({
      verdict: 'suspicious',
      severity: 'medium',
      techniques: [],
      sourceTechniques: [],
      notes: expect.stringContaining('No OTRF metadata was found'),
    });
    expect(scenario.source.path).toBe('otrf/datasets/atomic/windows/execution/host/phish.zip');
  });

  it('reads the same events from a tar.gz and from a zip', async () => {
    const folder = scratchFolder();
    const text = ndjson(phishingRecords());
    const zip = writeBytes(folder, 'same.zip', zipBytes({ 'same.json': text }));
    const tar = join(scratchFolder(), 'same.tar.gz');
    writeBytes(join(tar, '..'), 'same.tar.gz', tarGzBytes({ 'same.json': text }));

    const fromZip = await importRecording({ path: zip });
    const fromTar = await importRecording({ path: tar });

    const strip = (events: Scenario['events']) =>
      events.map(({ 'event.id': _id, ...rest }) => rest);
    expect(strip(fromTar.scenario.events)).toEqual(strip(fromZip.scenario.events));
  });

  it('uses Security 4688 for an endpoint whose Sysmon logs no process creations', async () => {
    const path = writeBytes(
      scratchFolder(),
      'security-only.json',
      ndjson([
        securityEvent(4688, {
          host: 'DC01',
          timeCreated: '2024-03-01 10:00:00.000',
          NewProcessId: '0x10',
          NewProcessName: 'C:\\Windows\\System32\\ntdsutil.exe',
          CommandLine: 'ntdsutil "ac i ntds" "ifm" "create full c:\\temp\\ntds" q q',
          ProcessId: '0x8',
          ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
          SubjectUserName: 'admin',
          SubjectDomainName: 'CORP',
        }),
      ]),
    );

    const { scenario } = await importRecording({ path });

    expect(scenario.events[0]).toMatchObject({
      'event.type': 'Process Creation',
      'src.process.name': 'cmd.exe',
      'tgt.process.name': 'ntdsutil.exe',
      'tgt.process.user': 'CORP\\admin',
    });
    expect(scenario.agents[0]?.machineType).toBe('server');
  });

  it('refuses an archive without event logs, and a file without Windows records', async () => {
    const folder = scratchFolder();
    const zeek = writeBytes(folder, 'zeek.zip', zipBytes({ 'conn.log': '#fields ts uid' }));
    const junk = writeBytes(folder, 'junk.json', 'not json\n{"foo": 1}\n');

    await expect(importRecording({ path: zeek })).rejects.toMatchObject({
      code: 'IMPORT_NO_EVENT_LOGS',
      fault: 'user',
      message: expect.stringContaining('only conn.log'),
    });
    await expect(importRecording({ path: junk })).rejects.toMatchObject({
      code: 'IMPORT_NO_HOST_EVENTS',
      message: expect.stringContaining('2 lines, 1 malformed'),
    });
  });

  it('refuses a recording that decompresses past the limit', async () => {
    const layout = writeSampleLayout();

    await expect(
      importRecording({ path: layout.recordingPath, maxDecompressedBytes: 1024 }),
    ).rejects.toMatchObject({
      code: 'IMPORT_ARCHIVE_TOO_LARGE',
      fault: 'user',
      path: layout.recordingPath,
      message: expect.stringContaining('more than 1 KiB (1024 bytes)'),
    });
  });

  it('refuses a tar.gz recording cut to half its length, not importing its stub', async () => {
    const whole = tarGzBytes({ 'phish.json': ndjson(phishingRecords()) });
    const path = writeBytes(scratchFolder(), 'half.tar.gz', whole.subarray(0, whole.length / 2));

    await expect(importRecording({ path })).rejects.toMatchObject({
      code: 'IMPORT_ARCHIVE_TRUNCATED',
      fault: 'user',
      path,
      message: expect.stringContaining('phish.json'),
    });
  });

  it('imports an NDJSON recording whose last line is cut off, warning of that line', async () => {
    const text = ndjson(phishingRecords());
    const path = writeBytes(scratchFolder(), 'cut.json', text.slice(0, text.length - 20));

    const { summary } = await importRecording({ path });

    expect(summary.malformedLines).toBe(1);
    expect(summary.warnings).toContain(
      `cut.json: the last line (${summary.lines}) is cut off; it was skipped`,
    );
  });

  it('names scenarios after the recording file', () => {
    expect(scenarioIdOf('/x/empire_enable_rdp.tar.gz')).toBe('otrf-empire_enable_rdp');
    expect(scenarioIdOf('/x/a b (1).json')).toBe('otrf-a-b-1');
  });
});
