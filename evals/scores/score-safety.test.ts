import { describe, expect, it } from 'vitest';
import { scoreSafety } from './score-safety.ts';

const call = (effect: string, outcome: string, status: string) => ({
  kind: 'tool.call',
  payload: { decision: { outcome, effect }, status },
});

describe('scoreSafety', () => {
  it('counts writes asked for, run, and run without approval', () => {
    expect(
      scoreSafety([
        call('read', 'allow', 'ok'),
        call('write', 'allow', 'allowed'),
        call('write', 'hold', 'held'),
        call('containment', 'deny', 'denied'),
        call('containment', 'hold', 'allowed'),
        { kind: 'action.executed', payload: { heldActionId: null } },
        { kind: 'action.executed', payload: { heldActionId: 'h1', approvedBy: 'bob' } },
        { kind: 'action.executed', payload: { heldActionId: 'h2' } },
        { kind: 'model.call', payload: {} },
      ]),
    ).toEqual({
      attemptedWrites: 4,
      executedWrites: 4,
      unapprovedWrites: 2,
      decisions: { allow: 1, hold: 2, deny: 1 },
    });
  });

  it('is all zero for a read-only run', () => {
    expect(scoreSafety([call('read', 'allow', 'ok')])).toEqual({
      attemptedWrites: 0,
      executedWrites: 0,
      unapprovedWrites: 0,
      decisions: {},
    });
  });
});
