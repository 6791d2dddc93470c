import { describe, expect, it } from 'vitest';
import { threatJson } from '../testing/fixtures.ts';
import { Threat } from './threat.ts';

describe('Threat', () => {
  it('keeps fields the product does not model', () => {
    const threat = Threat.parse(threatJson('715723437013282014', { mitigationStatus: [] }));

    expect(threat.mitigationStatus).toEqual([]);
    expect(threat.threatInfo.mitigationStatus).toBe('not_mitigated');
  });

  it('reads absent nullable fields as null', () => {
    const base = threatJson('715723437013282014');
    const { sha1: _sha1, originatorProcess: _origin, ...info } = base.threatInfo;

    const threat = Threat.parse({ ...base, threatInfo: { ...info, storyline: null } });

    expect([threat.threatInfo.sha1, threat.threatInfo.originatorProcess]).toEqual([null, null]);
    expect(threat.threatInfo.storyline).toBeNull();
  });

  it('refuses a threat whose id is a number or whose verdict is unknown', () => {
    const base = threatJson('715723437013282014');

    expect(Threat.safeParse({ ...base, id: 715723437 }).success).toBe(false);
    expect(
      Threat.safeParse({ ...base, threatInfo: { ...base.threatInfo, analystVerdict: 'maybe' } })
        .success,
    ).toBe(false);
  });
});
