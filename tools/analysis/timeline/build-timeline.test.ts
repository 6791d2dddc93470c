import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import { evidenceEvent, spawn, T0 } from '../testing/evidence-builder.ts';
import { buildTimeline } from './build-timeline.ts';
import { Timeline } from './timeline.ts';

const WORD = {
  uid: 'W',
  name: 'WINWORD.EXE',
  imagePath: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
};
const PS = {
  uid: 'PS',
  name: 'powershell.exe',
  imagePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
};
const SVC = { uid: 'SVC', name: 'svchost.exe', imagePath: 'C:\\Windows\\System32\\svchost.exe' };

const attack = [
  spawn({
    id: 'a1',
    time: T0 + 1_000,
    parent: WORD,
    child: {
      ...PS,
      cmdline: 'powershell -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA',
    },
  }),
  ...[2, 3, 4].map((n) =>
    evidenceEvent({
      id: `a${n}`,
      time: T0 + n * 1_000,
      type: 'IP Connect',
      process: PS,
      target: { network: { dstIp: '203.0.113.7', dstPort: 443, direction: 'OUTGOING' } },
    }),
  ),
  evidenceEvent({
    id: 'a5',
    time: T0 + 5_000,
    type: 'Registry Value Modified',
    process: PS,
    target: {
      registry: {
        path: 'HKU\\S-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd',
        value: 'C:\\u.exe',
      },
    },
  }),
];
const noise = [
  ...Array.from({ length: 20 }, (_, i) =>
    evidenceEvent({
      id: `m${i}`,
      time: T0 + 100 + i,
      type: 'Module Load',
      process: PS,
      target: { module: { path: `C:\\Windows\\System32\\lib${i}.dll` } },
    }),
  ),
  ...Array.from({ length: 5 }, (_, i) =>
    evidenceEvent({
      id: `s${i}`,
      time: T0 + 200 + i,
      type: 'DNS Resolved',
      process: SVC,
      target: { dns: { request: 'settings-win.data.microsoft.com' } },
    }),
  ),
];

describe('buildTimeline', () => {
  it('lists what happened in order with techniques, citing every event it rests on', () => {
    const timeline = buildTimeline({ events: [...noise, ...attack] });

    expect(
      timeline.entries.map((entry) => [entry.summary, entry.eventIds, entry.techniques]),
    ).toEqual([
      [
        'WINWORD.EXE started powershell -nop -w hidden -enc' +
          ' SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA',
        ['a1'],
        ['T1027', 'T1059.001', 'T1204.002', 'T1566.001'],
      ],
      [
        'powershell.exe connected to 203.0.113.7:443 (3 times until 09:00:04)',
        ['a2', 'a3', 'a4'],
        ['T1071.001'],
      ],
      [
        'powershell.exe set registry value' +
          ' HKU\\S-1\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\upd = C:\\u.exe',
        ['a5'],
        ['T1547.001'],
      ],
    ]);
    expect(Timeline.safeParse(timeline).success).toBe(true);
  });

  it('folds routine module loads and Microsoft lookups into counts', () => {
    const timeline = buildTimeline({ events: [...noise, ...attack] });

    expect(timeline.folded).toEqual([
      { kind: 'module', reason: 'ordinary module loads', count: 20, eventIds: ['m0', 'm1', 'm2'] },
      {
        kind: 'dns',
        reason: 'lookups of Microsoft, certificate and local names, or by Windows components',
        count: 5,
        eventIds: ['s0', 's1', 's2'],
      },
    ]);
    expect(timeline.totalEvents).toBe(30);
  });

  it('keeps the most significant entries within the budget, still in time order', () => {
    const quiet = Array.from({ length: 10 }, (_, i) =>
      evidenceEvent({
        id: `q${i}`,
        time: T0 + i,
        type: 'File Creation',
        process: WORD,
        target: { file: { path: `C:\\Users\\ann\\Documents\\draft${i}.docx` } },
      }),
    );

    const timeline = buildTimeline({ events: [...quiet, ...attack], maxEntries: 2 });

    expect(timeline.entries.map((entry) => entry.eventIds[0])).toEqual(['a1', 'a2']);
    expect(timeline.omitted).toEqual({ entries: 11, events: 11 });
  });

  it('cuts long objects in the middle', () => {
    const long = spawn({
      id: 'l1',
      parent: PS,
      child: { uid: 'C', name: 'cmd.exe', cmdline: `cmd /c ${'x'.repeat(300)} end` },
    });

    const [entry] = buildTimeline({ events: [long], maxObjectChars: 60 }).entries;

    expect(entry?.object).toHaveLength(60);
    expect(entry?.object.startsWith('cmd /c xxx')).toBe(true);
    expect(entry?.object.endsWith('x end')).toBe(true);
  });

  it('rejects a budget of zero entries', () => {
    expect(() => buildTimeline({ events: [], maxEntries: 0 })).toThrow(AnalysisError);
  });
});
