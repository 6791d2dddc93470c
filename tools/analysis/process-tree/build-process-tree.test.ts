import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import { evidenceEvent, spawn, T0 } from '../testing/evidence-builder.ts';
import { buildProcessTree } from './build-process-tree.ts';
import { ProcessTree } from './process-tree.ts';

const _EXPLORER = { uid: 'P-EXPLORER', name: 'explorer.exe', pid: 900 };
const WORD = {
  uid: 'P-WORD',
  name: 'WINWORD.EXE',
  pid: 1000,
  parent: { uid: 'P-EXPLORER', name: 'explorer.exe' },
};
const CMD = { uid: 'P-CMD', name: 'cmd.exe', pid: 1100, cmdline: 'cmd.exe /c whoami' };
const PS = { uid: 'P-PS', name: 'powershell.exe', pid: 1200, cmdline: 'powershell -nop' };

const events = [
  spawn({ id: 'e1', time: T0 + 1_000, parent: WORD, child: { ...CMD, user: 'CORP\\ann' } }),
  spawn({ id: 'e2', time: T0 + 2_000, parent: { ...CMD, parent: { uid: 'P-WORD' } }, child: PS }),
  evidenceEvent({
    id: 'e3',
    time: T0 + 3_000,
    type: 'File Creation',
    process: PS,
    target: { file: { path: 'C:\\Users\\ann\\AppData\\Local\\Temp\\a.exe' } },
  }),
  evidenceEvent({
    id: 'e4',
    time: T0 + 4_000,
    type: 'File Modification',
    process: PS,
    target: { file: { path: 'C:\\Users\\ann\\AppData\\Local\\Temp\\a.exe' } },
  }),
  evidenceEvent({
    id: 'e5',
    time: T0 + 5_000,
    type: 'IP Connect',
    process: PS,
    target: { network: { dstIp: '203.0.113.9', dstPort: 443, direction: 'OUTGOING' } },
  }),
  evidenceEvent({
    id: 'e6',
    time: T0 + 5_500,
    type: 'IP Connect',
    process: PS,
    target: { network: { dstIp: '203.0.113.9', dstPort: 443, direction: 'OUTGOING' } },
  }),
  evidenceEvent({
    id: 'e7',
    time: T0 + 6_000,
    type: 'Module Load',
    process: PS,
    target: { module: { path: 'C:\\Windows\\System32\\dbghelp.dll' } },
  }),
  evidenceEvent({
    id: 'e8',
    time: T0 + 6_100,
    type: 'Module Load',
    process: PS,
    target: { module: { path: 'C:\\Windows\\System32\\kernel32.dll' } },
  }),
  evidenceEvent({
    id: 'e9',
    time: T0 + 7_000,
    type: 'Open Remote Process Handle',
    process: PS,
    target: { process: { uid: 'P-LSASS', name: 'lsass.exe', accessRights: '0x1010' } },
  }),
  evidenceEvent({ id: 'e10', time: T0 + 8_000, type: 'DNS Resolved', process: {}, target: {} }),
];

describe('buildProcessTree', () => {
  it('links parents and children from creations and parent fields', () => {
    const tree = buildProcessTree({ events });

    expect(tree.roots).toEqual(['P-EXPLORER']);
    expect(tree.processes.map((p) => [p.uid, p.depth, p.parentUid ?? null])).toEqual([
      ['P-EXPLORER', 0, null],
      ['P-WORD', 1, 'P-EXPLORER'],
      ['P-CMD', 2, 'P-WORD'],
      ['P-PS', 3, 'P-CMD'],
    ]);
    expect(tree.unattributedEvents).toBe(1);
    expect(ProcessTree.safeParse(tree).success).toBe(true);
  });

  it('summarises what a process did, grouping repeats', () => {
    const ps = buildProcessTree({ events }).processes.find((p) => p.uid === 'P-PS');

    expect(ps).toMatchObject({
      name: 'powershell.exe',
      cmdline: 'powershell -nop',
      createdByEventId: 'e2',
      firstSeen: T0 + 2_000,
      lastSeen: T0 + 7_000,
      eventCount: 7,
      counts: { file: 2, ip: 2, module: 2, cross_process: 1 },
    });
    expect(ps?.filesWritten.map((a) => [a.action, a.count, a.eventIds])).toEqual([
      ['File Creation', 1, ['e3']],
      ['File Modification', 1, ['e4']],
    ]);
    expect(ps?.network).toEqual([
      {
        value: '203.0.113.9:443',
        action: 'IP Connect outgoing',
        count: 2,
        firstSeen: T0 + 5_000,
        eventIds: ['e5', 'e6'],
      },
    ]);
    expect(ps?.modulesOfNote).toEqual([
      {
        value: 'C:\\Windows\\System32\\dbghelp.dll',
        action: 'Module Load',
        count: 1,
        firstSeen: T0 + 6_000,
        eventIds: ['e7'],
        note: 'memory dump helper',
      },
    ]);
    expect(ps?.crossProcess[0]?.value).toBe('lsass.exe (P-LSASS)');
  });

  it('keeps the first facts seen for a process', () => {
    const cmd = buildProcessTree({ events }).processes.find((p) => p.uid === 'P-CMD');

    expect([cmd?.user, cmd?.cmdline, cmd?.childUids]).toEqual([
      'CORP\\ann',
      'cmd.exe /c whoami',
      ['P-PS'],
    ]);
  });

  it('stops at the depth limit and counts what it left out', () => {
    const tree = buildProcessTree({ events, maxDepth: 1 });

    expect(tree.processes.map((p) => [p.uid, p.omittedDescendants])).toEqual([
      ['P-EXPLORER', 0],
      ['P-WORD', 2],
    ]);
  });

  it('builds only the subtrees asked for', () => {
    const tree = buildProcessTree({ events, rootUids: ['P-CMD', 'P-NOPE'] });

    expect(tree.roots).toEqual(['P-CMD']);
    expect(tree.processes.map((p) => [p.uid, p.depth])).toEqual([
      ['P-CMD', 0],
      ['P-PS', 1],
    ]);
  });

  it('refuses a parent loop instead of recursing forever', () => {
    const loop = [
      spawn({ id: 'l1', parent: { uid: 'A' }, child: { uid: 'B' } }),
      spawn({ id: 'l2', time: T0 + 1, parent: { uid: 'B' }, child: { uid: 'A' } }),
    ];

    const tree = buildProcessTree({ events: loop });

    expect(tree.processes.map((p) => p.uid)).toEqual(['A', 'B']);
  });

  it('caps each activity list', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      evidenceEvent({
        id: `d${i}`,
        time: T0 + i,
        type: 'DNS Resolved',
        process: PS,
        target: { dns: { request: `host${i}.example.com` } },
      }),
    );

    const ps = buildProcessTree({ events: many, maxItemsPerList: 4 }).processes[0];

    expect(ps?.dns.map((a) => a.value)).toEqual([
      'host0.example.com',
      'host1.example.com',
      'host2.example.com',
      'host3.example.com',
    ]);
    expect(ps?.counts).toEqual({ dns: 30 });
  });

  it('rejects input that is not a list of evidence events', () => {
    expect(() => buildProcessTree({ events: [{ id: 'x' }] } as never)).toThrow(AnalysisError);
    expect(() => buildProcessTree({ events: [], maxDepth: -1 })).toThrow(
      'invalid input for buildProcessTree: maxDepth: Too small: expected number to be >=0',
    );
  });
});
