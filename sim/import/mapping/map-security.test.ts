import { describe, expect, it } from 'vitest';
import { mapRaw } from '../testing/map-records.ts';
import { guid, securityEvent, sysmonProcessCreate } from '../testing/windows-events.ts';

const NO_SYSMON = { processCreation: false, network: false };

function newProcess(time: string, pid: string, parentPid: string, name: string, command: string) {
  return securityEvent(4688, {
    timeCreated: time,
    NewProcessId: pid,
    NewProcessName: `C:\\Windows\\System32\\${name}`,
    ProcessId: parentPid,
    ParentProcessName: 'C:\\Windows\\System32\\cmd.exe',
    CommandLine: command,
    SubjectUserName: 'alice',
    SubjectDomainName: 'LAB',
    TargetUserName: '-',
    MandatoryLabel: 'S-1-16-12288',
  });
}

describe('mapSecurityRecord', () => {
  it('maps 4688 to a process creation where Sysmon does not record creations', () => {
    const run = mapRaw(
      [
        newProcess('2024-03-01 10:00:00.000', '0x1f4', '0x64', 'cmd.exe', 'cmd.exe /c whoami'),
        newProcess('2024-03-01 10:00:01.000', '0x258', '0x1f4', 'whoami.exe', 'whoami /all'),
      ],
      NO_SYSMON,
    );
    const [cmd, whoami] = run.mapped;

    expect(run.outcomes).toEqual(['Process Creation', 'Process Creation']);
    expect(whoami?.tgt).toMatchObject({
      pid: 600,
      name: 'whoami.exe',
      cmdline: 'whoami /all',
      user: 'LAB\\alice',
      integrityLevel: 'HIGH',
      created: true,
    });
    expect(whoami?.src).toBe(cmd?.tgt);
    expect(cmd?.src).toMatchObject({ pid: 100, name: 'cmd.exe', created: false });
  });

  it('links a pid to the process that held it at the time, not a later one', () => {
    const run = mapRaw(
      [
        newProcess('2024-03-01 10:00:00.000', '0x1f4', '0x64', 'cmd.exe', 'first'),
        newProcess('2024-03-01 10:00:01.000', '0x258', '0x1f4', 'a.exe', 'child of first'),
        newProcess('2024-03-01 10:05:00.000', '0x1f4', '0x64', 'cmd.exe', 'second'),
        newProcess('2024-03-01 10:05:01.000', '0x259', '0x1f4', 'b.exe', 'child of second'),
      ],
      NO_SYSMON,
    );

    expect(run.mapped[1]?.src.cmdline).toBe('first');
    expect(run.mapped[3]?.src.cmdline).toBe('second');
  });

  it('leaves 4688 out when Sysmon records the same creation', () => {
    const run = mapRaw([
      sysmonProcessCreate({
        utc: '2024-03-01 10:00:00.000',
        processGuid: guid(1),
        pid: 500,
        image: 'C:\\Windows\\System32\\cmd.exe',
        commandLine: 'cmd.exe',
      }),
      newProcess('2024-03-01 10:00:00.000', '0x1f4', '0x64', 'cmd.exe', 'cmd.exe'),
    ]);

    expect(run.outcomes).toEqual(['Process Creation', 'superseded']);
  });

  it('maps a successful logon with type, account, domain and source address', () => {
    const run = mapRaw([
      securityEvent(4624, {
        timeCreated: '2024-03-01 10:00:00.000',
        LogonType: '10',
        TargetUserName: 'alice',
        TargetDomainName: 'LAB',
        IpAddress: '10.0.0.9',
        ProcessId: '0x2b4',
        ProcessName: 'C:\\Windows\\System32\\svchost.exe',
      }),
    ]);

    expect(run.mapped[0]?.type).toBe('Login');
    expect(run.mapped[0]?.fields).toEqual({
      'event.login.type': 'REMOTE_INTERACTIVE',
      'event.login.userName': 'alice',
      'event.login.accountDomain': 'LAB',
      'event.login.srcMachineIp': '10.0.0.9',
      'event.login.loginIsSuccessful': true,
    });
    expect(run.mapped[0]?.src).toMatchObject({ pid: 692, name: 'svchost.exe' });
  });

  it('maps a failed logon as unsuccessful and drops a missing source address', () => {
    const run = mapRaw([
      securityEvent(4625, {
        timeCreated: '2024-03-01 10:00:00.000',
        LogonType: 3,
        TargetUserName: 'admin',
        TargetDomainName: 'LAB',
        IpAddress: '-',
        ProcessId: '0x0',
      }),
    ]);

    expect(run.mapped[0]?.fields).toEqual({
      'event.login.type': 'NETWORK',
      'event.login.userName': 'admin',
      'event.login.accountDomain': 'LAB',
      'event.login.loginIsSuccessful': false,
    });
  });

  it('maps WFP connections with the initiator as source, in both directions', () => {
    const run = mapRaw(
      [
        securityEvent(5156, {
          timeCreated: '2024-03-01 10:00:00.000',
          ProcessID: '4400',
          Application: '\\device\\harddiskvolume2\\windows\\system32\\curl.exe',
          Direction: '%%14593',
          SourceAddress: '10.0.0.5',
          SourcePort: '50100',
          DestAddress: '203.0.113.10',
          DestPort: '443',
          Protocol: '6',
        }),
        securityEvent(5156, {
          timeCreated: '2024-03-01 10:00:01.000',
          ProcessID: '4',
          Application: 'System',
          Direction: '%%14592',
          SourceAddress: '10.0.0.5',
          SourcePort: '445',
          DestAddress: '10.0.0.9',
          DestPort: '51000',
          Protocol: '6',
        }),
      ],
      NO_SYSMON,
    );

    expect(run.mapped[0]?.fields).toEqual({
      'src.ip.address': '10.0.0.5',
      'src.port.number': 50100,
      'dst.ip.address': '203.0.113.10',
      'dst.port.number': 443,
      'event.network.direction': 'OUTGOING',
      'event.network.connectionStatus': 'SUCCESS',
      'event.network.protocolName': 'tcp',
    });
    expect(run.mapped[0]?.src.name).toBe('curl.exe');
    expect(run.mapped[1]?.fields).toMatchObject({
      'src.ip.address': '10.0.0.9',
      'src.port.number': 51000,
      'dst.ip.address': '10.0.0.5',
      'dst.port.number': 445,
      'event.network.direction': 'INCOMING',
    });
  });

  it('maps a permitted listen to IP Listen', () => {
    const run = mapRaw(
      [
        securityEvent(5154, {
          timeCreated: '2024-03-01 10:00:00.000',
          ProcessId: '4400',
          Application:
            '\\device\\harddiskvolume2\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
          SourceAddress: '0.0.0.0',
          SourcePort: '8000',
          Protocol: '6',
        }),
      ],
      NO_SYSMON,
    );

    expect(run.mapped[0]?.type).toBe('IP Listen');
    expect(run.mapped[0]?.fields).toEqual({
      'src.ip.address': '0.0.0.0',
      'src.port.number': 8000,
      'event.network.protocolName': 'tcp',
    });
  });

  it('leaves WFP connections out when Sysmon records network activity', () => {
    const run = mapRaw([
      securityEvent(5156, {
        timeCreated: '2024-03-01 10:00:00.000',
        ProcessID: '4',
        Direction: '%%14593',
      }),
    ]);

    expect(run.outcomes).toEqual(['superseded']);
  });

  it('ignores other Security events', () => {
    expect(
      mapRaw([securityEvent(4658, { timeCreated: '2024-03-01 10:00:00.000' })]).outcomes,
    ).toEqual(['ignored']);
  });
});
