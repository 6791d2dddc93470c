import { describe, expect, it } from 'vitest';
import { evidenceEvent } from '../testing/evidence-builder.ts';
import { matchRules } from './match-rules.ts';
import { RULE_LIBRARY } from './rule-library.ts';

const whoami = RULE_LIBRARY.filter((rule) => rule.id === 'whoami');
const dns = (id: string, time: number, uid: string) =>
  evidenceEvent({
    id,
    time,
    type: 'DNS Resolved',
    process: { uid, name: 'whoami.exe', imagePath: 'C:\\Windows\\System32\\whoami.exe' },
  });

describe('matchRules', () => {
  it('sees a process start in its first event when the case lacks its creation', () => {
    expect(matchRules([dns('d2', 2, 'U'), dns('d1', 1, 'U')], whoami)).toEqual([
      { rule: whoami[0], eventIds: ['d1'], times: [1] },
    ]);
  });

  it('does not count a process twice when its creation is in the case', () => {
    const creation = evidenceEvent({
      id: 'c1',
      time: 0,
      type: 'Process Creation',
      process: { uid: 'P', name: 'cmd.exe' },
      target: { process: { uid: 'U', name: 'whoami.exe' } },
    });

    expect(
      matchRules([creation, dns('d1', 1, 'U')], whoami).map((match) => match.eventIds),
    ).toEqual([['c1']]);
  });

  it('matches nothing in an empty case', () => {
    expect(matchRules([])).toEqual([]);
  });
});
