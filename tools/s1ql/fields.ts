import { EVENT_TYPES, OBJECT_TYPES } from './event-types.ts';

/**
 * How a field's values compare:
 * - `string`: text; `enum`: text from a fixed set, compared case-insensitively and only
 *   with `=`, `!=` and `In`; `number` and `time` compare numerically (time is epoch ms);
 *   `boolean` is true/false.
 */
export type FieldType = 'string' | 'enum' | 'number' | 'time' | 'boolean';

export interface FieldDef {
  /** Canonical S1QL 1.0 name (PascalCase). */
  readonly v1: string;
  /** Dotted S1QL 2.0 / PowerQuery name; also the key used in scenario events. */
  readonly v2: string;
  /** Key in Deep Visibility REST results (`/dv/events`), lower camel case. */
  readonly dv: string;
  /** Column in the simulator's event table. */
  readonly column: string;
  readonly type: FieldType;
  readonly enumValues?: readonly string[];
  /** Attacker-controlled text: never an instruction, fenced when it enters a prompt. */
  readonly untrusted: boolean;
  /** Other S1QL 1.0 spellings that name exactly this field. */
  readonly aliases?: readonly string[];
}

type FieldSpec = Omit<FieldDef, 'column' | 'untrusted'> & { untrusted?: boolean };

const INTEGRITY = ['UNKNOWN', 'UNTRUSTED', 'LOW', 'MEDIUM', 'HIGH', 'SYSTEM', 'PROTECTED'];
const SIGNED = ['signed', 'unsigned'];
const VERIFIED = ['verified', 'unverified', 'invalid'];

const SPECS: FieldSpec[] = [
  {
    v1: 'EventType',
    v2: 'event.type',
    dv: 'eventType',
    type: 'enum',
    enumValues: Object.keys(EVENT_TYPES),
  },
  {
    v1: 'ObjectType',
    v2: 'event.category',
    dv: 'objectType',
    type: 'enum',
    enumValues: OBJECT_TYPES,
  },
  { v1: 'EventTime', v2: 'event.time', dv: 'eventTime', type: 'time' },
  { v1: 'AgentId', v2: 'agent.id', dv: 'agentId', type: 'string' },
  { v1: 'AgentUuid', v2: 'agent.uuid', dv: 'agentUuid', type: 'string', aliases: ['UUID'] },
  { v1: 'AgentVersion', v2: 'agent.version', dv: 'agentVersion', type: 'string' },
  {
    v1: 'EndpointName',
    v2: 'endpoint.name',
    dv: 'endpointName',
    type: 'string',
    aliases: ['AgentName'],
  },
  {
    v1: 'EndpointOS',
    v2: 'endpoint.os',
    dv: 'endpointOs',
    type: 'enum',
    enumValues: ['windows', 'linux', 'macos'],
    aliases: ['AgentOS'],
  },
  {
    v1: 'EndpointMachineType',
    v2: 'endpoint.type',
    dv: 'endpointMachineType',
    type: 'enum',
    enumValues: ['desktop', 'laptop', 'server', 'kubernetes node', 'unknown'],
  },
  { v1: 'SiteId', v2: 'site.id', dv: 'siteId', type: 'string' },
  { v1: 'SiteName', v2: 'site.name', dv: 'siteName', type: 'string' },

  {
    v1: 'SrcProcName',
    v2: 'src.process.name',
    dv: 'srcProcName',
    type: 'string',
    untrusted: true,
    aliases: ['ProcessName'],
  },
  {
    v1: 'SrcProcCmdLine',
    v2: 'src.process.cmdline',
    dv: 'srcProcCmdLine',
    type: 'string',
    untrusted: true,
    aliases: ['ProcessCmd'],
  },
  {
    v1: 'SrcProcImagePath',
    v2: 'src.process.image.path',
    dv: 'srcProcImagePath',
    type: 'string',
    untrusted: true,
    aliases: ['ProcessImagePath'],
  },
  { v1: 'SrcProcImageSha1', v2: 'src.process.image.sha1', dv: 'srcProcImageSha1', type: 'string' },
  {
    v1: 'SrcProcImageSha256',
    v2: 'src.process.image.sha256',
    dv: 'srcProcImageSha256',
    type: 'string',
  },
  { v1: 'SrcProcImageMd5', v2: 'src.process.image.md5', dv: 'srcProcImageMd5', type: 'string' },
  { v1: 'SrcProcPID', v2: 'src.process.pid', dv: 'srcProcPid', type: 'number' },
  { v1: 'SrcProcUID', v2: 'src.process.uid', dv: 'srcProcUid', type: 'string' },
  {
    v1: 'SrcProcStorylineId',
    v2: 'src.process.storyline.id',
    dv: 'srcProcStorylineId',
    type: 'string',
    aliases: ['StorylineId'],
  },
  { v1: 'SrcProcUser', v2: 'src.process.user', dv: 'srcProcUser', type: 'string', untrusted: true },
  {
    v1: 'SrcProcDisplayName',
    v2: 'src.process.displayName',
    dv: 'srcProcDisplayName',
    type: 'string',
    untrusted: true,
    aliases: ['ProcessDisplayName'],
  },
  {
    v1: 'SrcProcPublisher',
    v2: 'src.process.publisher',
    dv: 'srcProcPublisher',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'SrcProcSignedStatus',
    v2: 'src.process.signedStatus',
    dv: 'srcProcSignedStatus',
    type: 'enum',
    enumValues: SIGNED,
  },
  {
    v1: 'SrcProcVerifiedStatus',
    v2: 'src.process.verifiedStatus',
    dv: 'srcProcVerifiedStatus',
    type: 'enum',
    enumValues: VERIFIED,
  },
  {
    v1: 'SrcProcIntegrityLevel',
    v2: 'src.process.integrityLevel',
    dv: 'srcProcIntegrityLevel',
    type: 'enum',
    enumValues: INTEGRITY,
  },
  { v1: 'SrcProcStartTime', v2: 'src.process.startTime', dv: 'srcProcStartTime', type: 'time' },
  {
    v1: 'SrcProcIsStorylineRoot',
    v2: 'src.process.isStorylineRoot',
    dv: 'srcProcIsStorylineRoot',
    type: 'boolean',
  },
  {
    v1: 'SrcProcCmdScript',
    v2: 'cmdScript.content',
    dv: 'srcProcCmdScript',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'SrcProcParentName',
    v2: 'src.process.parent.name',
    dv: 'srcProcParentName',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'SrcProcParentCmdLine',
    v2: 'src.process.parent.cmdline',
    dv: 'srcProcParentCmdLine',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'SrcProcParentImagePath',
    v2: 'src.process.parent.image.path',
    dv: 'srcProcParentImagePath',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'SrcProcParentImageSha1',
    v2: 'src.process.parent.image.sha1',
    dv: 'srcProcParentImageSha1',
    type: 'string',
  },
  { v1: 'SrcProcParentPID', v2: 'src.process.parent.pid', dv: 'srcProcParentPid', type: 'number' },
  { v1: 'SrcProcParentUID', v2: 'src.process.parent.uid', dv: 'srcProcParentUid', type: 'string' },
  {
    v1: 'SrcProcParentStorylineId',
    v2: 'src.process.parent.storyline.id',
    dv: 'srcProcParentStorylineId',
    type: 'string',
  },

  { v1: 'TgtProcName', v2: 'tgt.process.name', dv: 'tgtProcName', type: 'string', untrusted: true },
  {
    v1: 'TgtProcCmdLine',
    v2: 'tgt.process.cmdline',
    dv: 'tgtProcCmdLine',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'TgtProcImagePath',
    v2: 'tgt.process.image.path',
    dv: 'tgtProcImagePath',
    type: 'string',
    untrusted: true,
  },
  { v1: 'TgtProcImageSha1', v2: 'tgt.process.image.sha1', dv: 'tgtProcImageSha1', type: 'string' },
  {
    v1: 'TgtProcImageSha256',
    v2: 'tgt.process.image.sha256',
    dv: 'tgtProcImageSha256',
    type: 'string',
  },
  { v1: 'TgtProcImageMd5', v2: 'tgt.process.image.md5', dv: 'tgtProcImageMd5', type: 'string' },
  { v1: 'TgtProcPID', v2: 'tgt.process.pid', dv: 'tgtProcPid', type: 'number' },
  { v1: 'TgtProcUID', v2: 'tgt.process.uid', dv: 'tgtProcUid', type: 'string' },
  {
    v1: 'TgtProcStorylineId',
    v2: 'tgt.process.storyline.id',
    dv: 'tgtProcStorylineId',
    type: 'string',
  },
  { v1: 'TgtProcUser', v2: 'tgt.process.user', dv: 'tgtProcUser', type: 'string', untrusted: true },
  {
    v1: 'TgtProcDisplayName',
    v2: 'tgt.process.displayName',
    dv: 'tgtProcDisplayName',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'TgtProcPublisher',
    v2: 'tgt.process.publisher',
    dv: 'tgtProcPublisher',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'TgtProcSignedStatus',
    v2: 'tgt.process.signedStatus',
    dv: 'tgtProcSignedStatus',
    type: 'enum',
    enumValues: SIGNED,
  },
  {
    v1: 'TgtProcIntegrityLevel',
    v2: 'tgt.process.integrityLevel',
    dv: 'tgtProcIntegrityLevel',
    type: 'enum',
    enumValues: INTEGRITY,
  },
  {
    v1: 'TgtProcAccessRights',
    v2: 'tgt.process.accessRights',
    dv: 'tgtProcAccessRights',
    type: 'string',
  },

  {
    v1: 'TgtFilePath',
    v2: 'tgt.file.path',
    dv: 'tgtFilePath',
    type: 'string',
    untrusted: true,
    aliases: ['FileFullName'],
  },
  {
    v1: 'TgtFileOldPath',
    v2: 'tgt.file.oldPath',
    dv: 'tgtFileOldPath',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'TgtFileExtension',
    v2: 'tgt.file.extension',
    dv: 'tgtFileExtension',
    type: 'string',
    untrusted: true,
  },
  { v1: 'TgtFileSha1', v2: 'tgt.file.sha1', dv: 'tgtFileSha1', type: 'string' },
  { v1: 'TgtFileSha256', v2: 'tgt.file.sha256', dv: 'tgtFileSha256', type: 'string' },
  { v1: 'TgtFileMd5', v2: 'tgt.file.md5', dv: 'tgtFileMd5', type: 'string' },
  { v1: 'TgtFileSize', v2: 'tgt.file.size', dv: 'tgtFileSize', type: 'number' },
  {
    v1: 'TgtFileIsExecutable',
    v2: 'tgt.file.isExecutable',
    dv: 'tgtFileIsExecutable',
    type: 'boolean',
  },
  { v1: 'TgtFileCreatedAt', v2: 'tgt.file.creationTime', dv: 'tgtFileCreatedAt', type: 'time' },

  { v1: 'SrcIP', v2: 'src.ip.address', dv: 'srcIp', type: 'string' },
  { v1: 'SrcPort', v2: 'src.port.number', dv: 'srcPort', type: 'number' },
  { v1: 'DstIP', v2: 'dst.ip.address', dv: 'dstIp', type: 'string' },
  { v1: 'DstPort', v2: 'dst.port.number', dv: 'dstPort', type: 'number' },
  {
    v1: 'NetEventDirection',
    v2: 'event.network.direction',
    dv: 'netEventDirection',
    type: 'enum',
    enumValues: ['INCOMING', 'OUTGOING'],
  },
  {
    v1: 'NetConnStatus',
    v2: 'event.network.connectionStatus',
    dv: 'netConnStatus',
    type: 'enum',
    enumValues: ['SUCCESS', 'FAILURE'],
  },
  {
    v1: 'NetProtocolName',
    v2: 'event.network.protocolName',
    dv: 'netProtocolName',
    type: 'string',
  },

  { v1: 'DnsRequest', v2: 'event.dns.request', dv: 'dnsRequest', type: 'string', untrusted: true },
  {
    v1: 'DnsResponse',
    v2: 'event.dns.response',
    dv: 'dnsResponse',
    type: 'string',
    untrusted: true,
  },
  { v1: 'Url', v2: 'url.address', dv: 'url', type: 'string', untrusted: true, aliases: ['URL'] },

  {
    v1: 'RegistryKeyPath',
    v2: 'registry.keyPath',
    dv: 'registryKeyPath',
    type: 'string',
    untrusted: true,
  },
  { v1: 'RegistryPath', v2: 'registry.path', dv: 'registryPath', type: 'string', untrusted: true },
  {
    v1: 'RegistryValue',
    v2: 'registry.value',
    dv: 'registryValue',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'RegistryValueType',
    v2: 'registry.valueType',
    dv: 'registryValueType',
    type: 'enum',
    enumValues: [
      'BINARY',
      'DWORD',
      'QWORD',
      'STRING',
      'EXPAND_STRING',
      'MULTI_STRING',
      'NONE',
      'UNKNOWN',
    ],
  },

  { v1: 'ModulePath', v2: 'module.path', dv: 'modulePath', type: 'string', untrusted: true },
  { v1: 'ModuleSha1', v2: 'module.sha1', dv: 'moduleSha1', type: 'string' },
  { v1: 'ModuleMd5', v2: 'module.md5', dv: 'moduleMd5', type: 'string' },

  {
    v1: 'LoginType',
    v2: 'event.login.type',
    dv: 'loginType',
    type: 'enum',
    enumValues: [
      'SYSTEM',
      'INTERACTIVE',
      'NETWORK',
      'BATCH',
      'SERVICE',
      'PROXY',
      'UNLOCK',
      'NETWORK_CLEAR_TEXT',
      'NEW_CREDENTIALS',
      'REMOTE_INTERACTIVE',
      'CACHED_INTERACTIVE',
      'CACHED_REMOTE_INTERACTIVE',
      'CACHED_UNLOCK',
    ],
  },
  {
    v1: 'LoginIsSuccessful',
    v2: 'event.login.loginIsSuccessful',
    dv: 'loginIsSuccessful',
    type: 'boolean',
  },
  {
    v1: 'LoginsUserName',
    v2: 'event.login.userName',
    dv: 'loginsUserName',
    type: 'string',
    untrusted: true,
  },
  {
    v1: 'LoginAccountDomain',
    v2: 'event.login.accountDomain',
    dv: 'loginAccountDomain',
    type: 'string',
    untrusted: true,
  },
  { v1: 'SrcMachineIP', v2: 'event.login.srcMachineIp', dv: 'srcMachineIp', type: 'string' },

  { v1: 'TaskName', v2: 'task.name', dv: 'taskName', type: 'string', untrusted: true },
  { v1: 'TaskPath', v2: 'task.path', dv: 'taskPath', type: 'string', untrusted: true },

  { v1: 'IndicatorName', v2: 'indicator.name', dv: 'indicatorName', type: 'string' },
  {
    v1: 'IndicatorCategory',
    v2: 'indicator.category',
    dv: 'indicatorCategory',
    type: 'enum',
    enumValues: [
      'BootConfigurationUpdate',
      'Evasion',
      'Exploitation',
      'General',
      'Infostealer',
      'Injection',
      'Persistence',
      'PostExploitation',
      'Ransomware',
      'Reconnaissance',
    ],
  },
  {
    v1: 'IndicatorDescription',
    v2: 'indicator.description',
    dv: 'indicatorDescription',
    type: 'string',
  },
  {
    v1: 'IndicatorMetadata',
    v2: 'indicator.metadata',
    dv: 'indicatorMetadata',
    type: 'string',
    untrusted: true,
  },
];

function columnFor(v2: string): string {
  return v2
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replaceAll('.', '_')
    .toLowerCase();
}

export const FIELDS: readonly FieldDef[] = SPECS.map((spec) => ({
  ...spec,
  untrusted: spec.untrusted ?? false,
  column: columnFor(spec.v2),
}));

const byName = new Map<string, FieldDef>();
for (const field of FIELDS) {
  for (const name of [field.v1, field.v2, ...(field.aliases ?? [])]) {
    byName.set(name.toLowerCase(), field);
  }
}
const byV2 = new Map(FIELDS.map((field) => [field.v2, field]));

/** Looks a field up by any of its names; S1QL field names are case-insensitive. */
export function findField(name: string): FieldDef | undefined {
  return byName.get(name.toLowerCase());
}

/** Exact lookup by dotted name, as used for scenario event keys. */
export function fieldByV2(v2: string): FieldDef | undefined {
  return byV2.get(v2);
}
