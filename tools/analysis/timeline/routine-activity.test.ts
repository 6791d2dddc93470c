import { describe, expect, it } from 'vitest';
import { evidenceEvent, spawn } from '../testing/evidence-builder.ts';
import { routineReason } from './routine-activity.ts';

const SVC = { uid: 'S', name: 'svchost.exe', imagePath: 'C:\\Windows\\System32\\svchost.exe' };
const PS = {
  uid: 'P',
  name: 'powershell.exe',
  imagePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
};

describe('routineReason', () => {
  it('folds Windows doing its own work', () => {
    expect([
      routineReason(
        spawn({
          id: '1',
          parent: SVC,
          child: { name: 'taskhostw.exe', imagePath: 'C:\\Windows\\System32\\taskhostw.exe' },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '2',
          type: 'Registry Value Modified',
          process: SVC,
          target: { registry: { path: 'HKLM\\x' } },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '3',
          type: 'IP Connect',
          process: SVC,
          target: { network: { dstIp: '10.0.0.10', direction: 'OUTGOING' } },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '4',
          type: 'Login',
          target: { login: { type: 'NETWORK', success: true, userName: 'FILESRV-02$' } },
        }),
      ),
    ]).toEqual([
      'Windows components starting Windows programs',
      'registry activity of Windows components',
      'Windows components talking to internal hosts',
      'logons of machine and service accounts',
    ]);
  });

  it('lists what a shell does, what Windows starts as a shell and calls from the internet', () => {
    expect([
      routineReason(
        spawn({
          id: '1',
          parent: SVC,
          child: { name: 'cmd.exe', imagePath: 'C:\\Windows\\System32\\cmd.exe' },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '2',
          type: 'Registry Value Modified',
          process: PS,
          target: { registry: { path: 'HKLM\\x' } },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '3',
          type: 'IP Connect',
          process: SVC,
          target: { network: { srcIp: '87.251.64.138', dstIp: '10.0.0.5', direction: 'INCOMING' } },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '4',
          type: 'Login',
          target: { login: { type: 'NETWORK', success: false, userName: 'admin' } },
        }),
      ),
      routineReason(
        evidenceEvent({
          id: '5',
          type: 'Open Remote Process Handle',
          process: PS,
          target: { process: { name: 'lsass.exe' } },
        }),
      ),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
