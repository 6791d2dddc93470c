import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { SCENARIO_SCHEMA_VERSION, Scenario } from '../sim/scenario.ts';

const file = fileURLToPath(
  new URL('../sim/scenarios/phishing-macro-powershell.json', import.meta.url),
);
const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
  groundTruth: Record<string, unknown>;
};

describe('the scenario format version', () => {
  it('writes version 2 and still reads version 1 files', () => {
    expect(SCENARIO_SCHEMA_VERSION).toBe(2);
    expect(Scenario.parse(current).groundTruth.facts?.length).toBeGreaterThan(0);

    const { facts: _facts, ...truth } = current.groundTruth;
    const old = Scenario.parse({ ...current, schemaVersion: 1, groundTruth: truth });
    expect(old.schemaVersion).toBe(1);
    expect(old.groundTruth.facts).toBeUndefined();
  });

  it('refuses a missing or unknown version and an unknown ground-truth field', () => {
    const { schemaVersion: _version, ...unversioned } = current;
    expect(Scenario.safeParse(unversioned).success).toBe(false);
    expect(Scenario.safeParse({ ...current, schemaVersion: 3 }).success).toBe(false);
    expect(
      Scenario.safeParse({ ...current, groundTruth: { ...current.groundTruth, fatcs: [] } })
        .success,
    ).toBe(false);
    expect(
      Scenario.safeParse({
        ...current,
        groundTruth: { ...current.groundTruth, facts: [{ id: 'x', text: 't', terms: [] }] },
      }).success,
    ).toBe(false);
  });
});
