import { describe, expect, it } from 'vitest';
import { mapRaw } from '../testing/map-records.ts';
import { guid, sysmonEvent, sysmonProcessCreate } from '../testing/windows-events.ts';

const utc = '2024-03-01 10:00:00.000';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

const creation = sysmonProcessCreate({
  utc,
  processGuid: guid(4),
  pid: 4400,
  image: POWERSHELL,
  commandLine: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
  parentGuid: guid(3),
  parentPid: 3300,
  parentImage: 'C:\\Windows\\System32\\cmd.exe',
  parentCommandLine: 'cmd.exe /c start powershell',
  integrityLevel: 'High',
});

function single(raw: Record<string, unknown>) {
  const run = mapRaw([creation, raw]);
  const mapped = run.mapped[1];
  if (mapped === undefined) {
    throw new Error(`not mapped: ${run.outcomes.join(', ')}`);
  }
  return { mapped, run };
}

describe('mapSysmonRecord', () => {
  it('maps a process creation: the parent acts, the new process is the target', () => {
    const run = mapRaw([creation]);
    const mapped = run.mapped[0];

    expect(mapped?.type).toBe('Process Creation');
    expect(mapped?.src.name).toBe('cmd.exe');
    expect(mapped?.src.pid).toBe(3300);
    expect(mapped?.src.cmdline).toBe('cmd.exe /c start powershell');
    expect(mapped?.tgt).toMatchObject({
      name: 'powershell.exe',
      imagePath: POWERSHELL,
      pid: 4400,
      cmdline: 'powershell.exe -nop -w hidden -enc SQBFAFgA',
      user: 'LAB\\alice',
      integrityLevel: 'HIGH',
      displayName: 'Test image',
      hashes: {
        sha1: '282da9ee6c5e9be8d5a7f2e8b6d4c1a0b9f8e7d6',
        md5: 'a23a7a6b4a7e2c1b0d9f8e7d6c5b4a39',
        sha256: 'eaae8536a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c',
      },
      startTime: Date.UTC(2024, 2, 1, 10, 0, 0),
    });
    const created = mapped?.tgt;
    expect(created === undefined ? undefined : run.table.parentOf(created)).toBe(mapped?.src);
  });

  it('maps an outbound network connection', () => {
    const { mapped } = single(
      sysmonEvent(3, {
        utc,
        ProcessGuid: guid(4),
        ProcessId: '4400',
        Image: POWERSHELL,
        Protocol: 'tcp',
        Initiated: 'true',
        SourceIp: '10.0.0.5',
        SourcePort: '50123',
        DestinationIp: '203.0.113.10',
        DestinationPort: '443',
        DestinationPortName: 'https',
      }),
    );

    expect(mapped.type).toBe('IP Connect');
    expect(mapped.src.pid).toBe(4400);
    expect(mapped.fields).toEqual({
      'src.ip.address': '10.0.0.5',
      'src.port.number': 50123,
      'dst.ip.address': '203.0.113.10',
      'dst.port.number': 443,
      'event.network.direction': 'OUTGOING',
      'event.network.connectionStatus': 'SUCCESS',
      'event.network.protocolName': 'https',
    });
  });

  it('marks a connection the process did not initiate as incoming', () => {
    const { mapped } = single(
      sysmonEvent(3, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        Protocol: 'tcp',
        Initiated: 'false',
        SourceIp: '10.0.0.9',
        SourcePort: '51000',
        DestinationIp: '10.0.0.5',
        DestinationPort: '8000',
      }),
    );

    expect(mapped.fields['event.network.direction']).toBe('INCOMING');
    expect(mapped.fields['event.network.protocolName']).toBe('tcp');
  });

  it('maps a file creation with its extension and creation time', () => {
    const { mapped } = single(
      sysmonEvent(11, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        TargetFilename: 'C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.EXE',
        CreationUtcTime: '2024-03-01 09:59:59.500',
      }),
    );

    expect(mapped.type).toBe('File Creation');
    expect(mapped.fields).toEqual({
      'tgt.file.path': 'C:\\Users\\alice\\AppData\\Local\\Temp\\stage2.EXE',
      'tgt.file.extension': 'exe',
      'tgt.file.isExecutable': true,
      'tgt.file.creationTime': '2024-03-01T09:59:59.500Z',
    });
  });

  it('maps both file deletion events with the archived hashes', () => {
    for (const eventId of [23, 26]) {
      const { mapped } = single(
        sysmonEvent(eventId, {
          utc,
          ProcessGuid: guid(4),
          Image: POWERSHELL,
          TargetFilename: 'C:\\Temp\\notes.txt',
          IsExecutable: 'false',
          Hashes: `SHA256=${'AB'.repeat(32)}`,
        }),
      );

      expect(mapped.type).toBe('File Deletion');
      expect(mapped.fields).toEqual({
        'tgt.file.path': 'C:\\Temp\\notes.txt',
        'tgt.file.extension': 'txt',
        'tgt.file.isExecutable': false,
        'tgt.file.sha256': 'ab'.repeat(32),
      });
    }
  });

  it('maps registry key creation and deletion from the Sysmon event type', () => {
    const key = 'HKLM\\SOFTWARE\\Classes\\ms-settings\\shell\\open\\command';
    const created = single(
      sysmonEvent(12, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        EventType: 'CreateKey',
        TargetObject: key,
      }),
    ).mapped;
    const deleted = single(
      sysmonEvent(12, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        EventType: 'DeleteKey',
        TargetObject: key,
      }),
    ).mapped;

    expect(created.type).toBe('Registry Key Create');
    expect(created.fields).toEqual({ 'registry.path': key, 'registry.keyPath': key });
    expect(deleted.type).toBe('Registry Key Delete');
  });

  it('reads the registry operation NXLog kept in EventTypeOrignal', () => {
    const { mapped } = single(
      sysmonEvent(12, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        EventType: 'INFO',
        EventTypeOrignal: 'DeleteKey',
        TargetObject: 'HKU\\S-1-5-21\\Software\\x',
      }),
    );

    expect(mapped.type).toBe('Registry Key Delete');
  });

  it('maps a value change with its key, value and value type', () => {
    const { mapped } = single(
      sysmonEvent(13, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        EventType: 'SetValue',
        TargetObject: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Start',
        Details: 'DWORD (0x00000004)',
      }),
    );

    expect(mapped.type).toBe('Registry Value Modified');
    expect(mapped.fields).toEqual({
      'registry.path': 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog\\Start',
      'registry.keyPath': 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\EventLog',
      'registry.value': 'DWORD (0x00000004)',
      'registry.valueType': 'DWORD',
    });
  });

  it('maps a key rename with the new name as the value', () => {
    const { mapped } = single(
      sysmonEvent(14, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        EventType: 'RenameKey',
        TargetObject: 'HKLM\\SOFTWARE\\Old',
        NewName: 'HKLM\\SOFTWARE\\New',
      }),
    );

    expect(mapped.type).toBe('Registry Key Rename');
    expect(mapped.fields).toEqual({
      'registry.path': 'HKLM\\SOFTWARE\\Old',
      'registry.keyPath': 'HKLM\\SOFTWARE\\Old',
      'registry.value': 'HKLM\\SOFTWARE\\New',
    });
  });

  it('maps DNS queries to resolved or unresolved by their status', () => {
    const resolved = single(
      sysmonEvent(22, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        QueryName: 'cdn.example.org',
        QueryStatus: '0',
        QueryResults: '::ffff:203.0.113.10;',
      }),
    ).mapped;
    const failed = single(
      sysmonEvent(22, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        QueryName: 'nxdomain.example.org',
        QueryStatus: '9003',
      }),
    ).mapped;

    expect(resolved.type).toBe('DNS Resolved');
    expect(resolved.fields).toEqual({
      'event.dns.request': 'cdn.example.org',
      'event.dns.response': '::ffff:203.0.113.10;',
    });
    expect(failed.type).toBe('DNS Unresolved');
    expect(failed.fields).toEqual({ 'event.dns.request': 'nxdomain.example.org' });
  });

  it('maps a process access: the opener acts on the target with the granted rights', () => {
    const { mapped } = single(
      sysmonEvent(10, {
        utc,
        SourceProcessGUID: guid(4),
        SourceProcessId: '4400',
        SourceImage: POWERSHELL,
        TargetProcessGUID: guid(9),
        TargetProcessId: '652',
        TargetImage: 'C:\\Windows\\system32\\lsass.exe',
        GrantedAccess: '0x1010',
      }),
    );

    expect(mapped.type).toBe('Open Remote Process Handle');
    expect(mapped.src.pid).toBe(4400);
    expect(mapped.tgt?.name).toBe('lsass.exe');
    expect(mapped.tgt?.pid).toBe(652);
    expect(mapped.fields).toEqual({ 'tgt.process.accessRights': '0x1010' });
  });

  it('maps a module load with the module hashes', () => {
    const { mapped } = single(
      sysmonEvent(7, {
        utc,
        ProcessGuid: guid(4),
        Image: POWERSHELL,
        ImageLoaded: 'C:\\Windows\\System32\\comsvcs.dll',
        Hashes: `SHA1=${'1'.repeat(40)},MD5=${'2'.repeat(32)}`,
      }),
    );

    expect(mapped.type).toBe('Module Load');
    expect(mapped.fields).toEqual({
      'module.path': 'C:\\Windows\\System32\\comsvcs.dll',
      'module.sha1': '1'.repeat(40),
      'module.md5': '2'.repeat(32),
    });
  });

  it('maps a remote thread creation between two processes', () => {
    const { mapped } = single(
      sysmonEvent(8, {
        utc,
        SourceProcessGuid: guid(4),
        SourceImage: POWERSHELL,
        TargetProcessGuid: guid(8),
        TargetProcessId: '8800',
        TargetImage: 'C:\\Windows\\System32\\notepad.exe',
        StartAddress: '0x0000020F5A2B0000',
      }),
    );

    expect(mapped.type).toBe('Remote Thread Creation');
    expect(mapped.src.name).toBe('powershell.exe');
    expect(mapped.tgt?.name).toBe('notepad.exe');
    expect(mapped.fields).toEqual({});
  });

  it('ignores Sysmon events with no Deep Visibility counterpart', () => {
    const run = mapRaw([creation, sysmonEvent(5, { utc, ProcessGuid: guid(4) })]);

    expect(run.outcomes).toEqual(['Process Creation', 'ignored']);
  });

  it('attributes an event whose process was never created to a process known by GUID', () => {
    const run = mapRaw([
      sysmonEvent(11, {
        utc,
        ProcessGuid: guid(20),
        ProcessId: '2000',
        Image: 'C:\\Users\\alice\\Downloads\\agent.exe',
        TargetFilename: 'C:\\x.txt',
      }),
      sysmonEvent(22, { utc, ProcessGuid: guid(20), QueryName: 'example.org', QueryStatus: '0' }),
    ]);

    expect(run.mapped[0]?.src).toBe(run.mapped[1]?.src);
    expect(run.mapped[0]?.src).toMatchObject({ name: 'agent.exe', pid: 2000, created: false });
  });
});
