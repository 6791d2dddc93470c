import { describe, expect, it } from 'vitest';

import { evidenceEvent, spawn } from '../../tools/analysis/testing/evidence-builder.ts';
import { findLateralMovement } from './lateral-movement.ts';

const WS = { name: 'HR-WS-031' };
const SRV = { name: 'FILESRV-02' };

describe('findLateralMovement', () => {
  it('finds a WMI command against another host and the process it started there', () => {
    const found = findLateralMovement([
      spawn({
        id: 'e1',
        parent: { uid: 'P1', name: 'cmd.exe' },
        child: {
          uid: 'P2',
          name: 'WMIC.exe',
          cmdline: 'wmic /node:FILESRV-02 process call create "cmd"',
        },
      }),
      evidenceEvent({
        id: 'e2',
        endpoint: SRV,
        process: { uid: 'P3', name: 'WmiPrvSE.exe' },
        target: { process: { uid: 'P4', name: 'powershell.exe' } },
      }),
    ]);

    expect(found).toEqual({
      detected: true,
      targets: [{ host: 'FILESRV-02', via: 'wmic /node', from: 'WS-01', eventIds: ['e1'] }],
      arrivals: [
        {
          endpoint: 'FILESRV-02',
          service: 'WmiPrvSE.exe',
          process: 'powershell.exe',
          eventIds: ['e2'],
        },
      ],
      logons: [],
    });
  });

  it('reads PsExec and admin-share targets, but not the local host or a file share', () => {
    const found = findLateralMovement([
      spawn({
        id: 'e1',
        parent: { uid: 'P1', name: 'powershell.exe' },
        child: {
          uid: 'P2',
          cmdline: '"\\\\fs01.acme.corp\\it$\\PsExec64.exe" \\\\ACC-WS-023 -s msiexec.exe /i x.msi',
        },
      }),
      spawn({
        id: 'e2',
        parent: { uid: 'P1' },
        child: {
          uid: 'P3',
          cmdline: 'copy a.exe \\\\DC01\\C$\\Windows\\Temp\\ & wmic /node:localhost os get',
        },
      }),
    ]);

    expect(found.targets.map((target) => `${target.host} ${target.via}`)).toEqual([
      'ACC-WS-023 PsExec',
      'DC01 admin share',
    ]);
  });

  it('counts network logons of people, not of machine accounts', () => {
    const logon = (id: string, userName: string) =>
      evidenceEvent({
        id,
        type: 'Login',
        endpoint: WS,
        target: {
          login: { type: 'NETWORK', success: true, userName, domain: 'ACME', srcIp: '10.40.1.31' },
        },
      });

    const found = findLateralMovement([logon('e1', 'svc_backup'), logon('e2', 'HR-WS-031$')]);

    expect(found.logons).toEqual([
      { endpoint: 'HR-WS-031', user: 'ACME\\svc_backup', fromIp: '10.40.1.31', eventIds: ['e1'] },
    ]);
    expect(found.detected).toBe(false);
  });
});
