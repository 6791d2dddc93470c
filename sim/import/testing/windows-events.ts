/**
 * Builders for the raw NDJSON records OTRF recordings hold, so tests can write small
 * recordings of their own. Field names and value shapes follow the real datasets.
 */

export type RawRecord = Record<string, unknown>;

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

export function guid(n: number): string {
  return `{39e4a257-0000-5f92-${String(n).padStart(4, '0')}-000000000700}`;
}

interface SysmonBase {
  host?: string;
  utc: string;
}

export function sysmonProcessCreate({
  host = 'WORKSTATION5.lab.local',
  utc,
  processGuid,
  pid,
  image,
  commandLine,
  parentGuid,
  parentPid,
  parentImage,
  parentCommandLine,
  user = 'LAB\\alice',
  integrityLevel = 'Medium',
  hashes = 'SHA1=282DA9EE6C5E9BE8D5A7F2E8B6D4C1A0B9F8E7D6,MD5=A23A7A6B4A7E2C1B0D9F8E7D6C5B4A39,SHA256=EAAE8536A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C,IMPHASH=B0A3CFF8A1B2C3D4E5F60718293A4B5C',
}: SysmonBase & {
  processGuid: string;
  pid: number;
  image: string;
  commandLine: string;
  parentGuid?: string;
  parentPid?: number;
  parentImage?: string;
  parentCommandLine?: string;
  user?: string;
  integrityLevel?: string;
  hashes?: string;
}): RawRecord {
  return {
    '@timestamp': `${utc.replace(' ', 'T')}Z`,
    Channel: SYSMON,
    EventID: 1,
    Hostname: host,
    UtcTime: utc,
    ProcessGuid: processGuid,
    ProcessId: String(pid),
    Image: image,
    CommandLine: commandLine,
    User: user,
    IntegrityLevel: integrityLevel,
    Hashes: hashes,
    Description: 'Test image',
    FileVersion: '10.0.18362.449 (WinBuild.160101.0800)',
    ...(parentGuid === undefined ? {} : { ParentProcessGuid: parentGuid }),
    ...(parentPid === undefined ? {} : { ParentProcessId: String(parentPid) }),
    ...(parentImage === undefined ? {} : { ParentImage: parentImage }),
    ...(parentCommandLine === undefined ? {} : { ParentCommandLine: parentCommandLine }),
    Message: 'Process Create: ...',
  };
}

export function sysmonEvent(
  eventId: number,
  { host = 'WORKSTATION5.lab.local', utc, ...fields }: SysmonBase & RawRecord,
): RawRecord {
  return { Channel: SYSMON, EventID: eventId, Hostname: host, UtcTime: utc, ...fields };
}

export function securityEvent(
  eventId: number,
  {
    host = 'WORKSTATION5.lab.local',
    timeCreated,
    ...fields
  }: { host?: string; timeCreated: string } & RawRecord,
): RawRecord {
  return {
    Channel: 'Security',
    EventID: eventId,
    Hostname: host,
    TimeCreated: timeCreated,
    ...fields,
  };
}

export function powershellEvent(
  eventId: 4103 | 4104,
  {
    host = 'WORKSTATION5.lab.local',
    timeCreated,
    ...fields
  }: { host?: string; timeCreated: string } & RawRecord,
): RawRecord {
  return {
    Channel: 'Microsoft-Windows-PowerShell/Operational',
    EventID: eventId,
    Hostname: host,
    TimeCreated: timeCreated,
    ...fields,
  };
}

export function ndjson(records: readonly RawRecord[]): string {
  return `${records.map((record) => JSON.stringify(record)).join('\n')}\n`;
}
