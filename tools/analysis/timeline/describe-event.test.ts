import { describe, expect, it } from 'vitest';
import { evidenceEvent } from '../testing/evidence-builder.ts';
import { describeEvent } from './describe-event.ts';

describe('describeEvent', () => {
  it('names each kind of action in plain words', () => {
    const described = [
      evidenceEvent({ id: '1', type: 'File Deletion', target: { file: { path: 'C:\\a.exe' } } }),
      evidenceEvent({
        id: '2',
        type: 'Registry Value Modified',
        target: { registry: { path: 'HKLM\\x\\v', value: '1' } },
      }),
      evidenceEvent({
        id: '3',
        type: 'Registry Key Create',
        target: { registry: { keyPath: 'HKLM\\x' } },
      }),
      evidenceEvent({
        id: '4',
        type: 'IP Connect',
        target: {
          network: {
            srcIp: '87.251.64.138',
            dstIp: '10.0.0.5',
            dstPort: 3389,
            direction: 'INCOMING',
          },
        },
      }),
      evidenceEvent({ id: '5', type: 'DNS Unresolved', target: { dns: { request: 'x.example' } } }),
      evidenceEvent({
        id: '6',
        type: 'Open Remote Process Handle',
        target: { process: { name: 'lsass.exe', accessRights: '0x1010' } },
      }),
      evidenceEvent({
        id: '7',
        type: 'Login',
        target: {
          login: {
            type: 'NETWORK',
            success: false,
            userName: 'bob',
            domain: 'ACME',
            srcIp: '10.0.0.9',
          },
        },
      }),
      evidenceEvent({
        id: '8',
        type: 'Command Script',
        target: { script: { content: '\n\n  Get-Process\nexit' } },
      }),
      evidenceEvent({ id: '9', type: 'POST', target: { url: { address: 'http://x.example/c' } } }),
    ].map(describeEvent);

    expect(described).toEqual([
      { kind: 'file', action: 'deleted file', object: 'C:\\a.exe' },
      { kind: 'registry', action: 'set registry value', object: 'HKLM\\x\\v = 1' },
      { kind: 'registry', action: 'created registry key', object: 'HKLM\\x' },
      {
        kind: 'network',
        action: 'accepted a connection',
        object: 'from 87.251.64.138 to port 3389',
      },
      { kind: 'dns', action: 'failed to resolve', object: 'x.example' },
      { kind: 'cross_process', action: 'opened process', object: 'lsass.exe (rights 0x1010)' },
      { kind: 'login', action: 'logon failed', object: 'NETWORK ACME\\bob from 10.0.0.9' },
      { kind: 'script', action: 'ran script', object: 'Get-Process' },
      { kind: 'url', action: 'sent POST', object: 'http://x.example/c' },
    ]);
  });
});
