import { describe, expect, it } from 'vitest';

import { checkCitations } from './check-citations.ts';

describe('checkCitations', () => {
  const fetched = new Set(['1', '2', '3']);

  it('accepts a finding whose every citation was fetched', () => {
    const finding = { a: { eventIds: ['1', '2'] }, list: [{ eventIds: ['3'] }, { other: 'x' }] };

    expect(checkCitations(finding, fetched)).toEqual({ cited: 3, unresolved: [] });
  });

  it('names each citation the run never fetched, with where it is', () => {
    const finding = {
      triage: { techniques: [{ eventIds: ['1', '42'] }] },
      rootCause: { eventIds: [7] },
    };

    expect(checkCitations(finding, fetched)).toEqual({
      cited: 3,
      unresolved: [
        { path: 'triage.techniques[0].eventIds', eventId: '42' },
        { path: 'rootCause.eventIds', eventId: '7' },
      ],
    });
  });
});
