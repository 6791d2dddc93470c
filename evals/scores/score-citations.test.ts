import { describe, expect, it } from 'vitest';
import { scoreCitations } from './score-citations.ts';

describe('scoreCitations', () => {
  it('counts the citations naming events the case holds', () => {
    const finding = {
      techniques: [{ eventIds: ['e1', 'e2'] }, { eventIds: ['e9'] }],
      rootCause: { eventIds: ['e1'] },
    };
    expect(scoreCitations({ finding, eventIds: new Set(['e1', 'e2']) })).toEqual({
      cited: 4,
      resolved: 3,
      share: 0.75,
    });
    expect(scoreCitations({ finding: {}, eventIds: new Set() }).share).toBeNull();
  });
});
