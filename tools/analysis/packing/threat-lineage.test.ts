import { describe, expect, it } from 'vitest';
import { processTreeOf } from '../process-tree/build-process-tree.ts';
import { evidenceEvent, spawn, T0 } from '../testing/evidence-builder.ts';
import { threatLineage } from './threat-lineage.ts';

const EXPLORER = { uid: 'X', name: 'explorer.exe', storyline: 'S-EXPLORER' };
const WORD = { uid: 'W', name: 'WINWORD.EXE', storyline: 'S-ATTACK' };
const CMD = { uid: 'C', name: 'cmd.exe', storyline: 'S-ATTACK', sha1: 'f'.repeat(40) };
const PS = {
  uid: 'P',
  name: 'powershell.exe',
  storyline: 'S-ATTACK',
  cmdline: 'powershell -enc AAAA',
};
const NOTEPAD = { uid: 'N', name: 'notepad.exe', storyline: 'S-OTHER' };

const events = [
  spawn({ id: 'e1', time: T0, parent: EXPLORER, child: WORD }),
  spawn({ id: 'e2', time: T0 + 1, parent: WORD, child: CMD }),
  spawn({ id: 'e3', time: T0 + 2, parent: CMD, child: PS }),
  spawn({ id: 'e4', time: T0 + 3, parent: EXPLORER, child: NOTEPAD }),
  evidenceEvent({ id: 'e5', time: T0 + 4, type: 'DNS Resolved', process: PS }),
];
const tree = processTreeOf(events);

describe('threatLineage', () => {
  it('takes the threat process from its event: ancestors, itself and descendants', () => {
    const lineage = threatLineage({ threat: { eventId: 'e2' }, events, tree });

    expect(lineage.uids).toEqual(['X', 'W', 'C', 'P']);
    expect([...lineage.active].sort()).toEqual(['C', 'P', 'W']);
  });

  it('finds the process by hash or command line when there is no event id', () => {
    expect(threatLineage({ threat: { sha1: 'F'.repeat(40) }, events, tree }).uids).toEqual([
      'X',
      'W',
      'C',
      'P',
    ]);
    expect(
      threatLineage({ threat: { commandLine: 'powershell -enc AAAA' }, events, tree }).uids,
    ).toEqual(['X', 'W', 'C', 'P']);
  });

  it('falls back to the processes of the storyline', () => {
    expect(threatLineage({ threat: { storyline: 'S-OTHER' }, events, tree }).uids).toEqual([
      'X',
      'N',
    ]);
  });

  it('is empty without a threat', () => {
    expect(threatLineage({ threat: undefined, events, tree }).uids).toEqual([]);
  });
});
