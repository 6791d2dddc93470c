import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { datasetsRoot } from '../../../lib/datasets-root.ts';
import { TACTICS, TECHNIQUES } from './technique-catalog.ts';

const ATTACK_FILE = join(datasetsRoot(), 'attack', 'enterprise-attack-v18.1.json');
const present = existsSync(ATTACK_FILE);
if (!present) {
  console.warn(`skipping the ATT&CK v18.1 check: ${ATTACK_FILE} is absent (set CASEBOOK_DATASETS)`);
}

const Catalogue = z.object({
  techniques: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      tactics: z.array(z.string()),
      deprecated: z.boolean(),
    }),
  ),
});

describe('TECHNIQUES', () => {
  it('names tactics the table of tactics knows', () => {
    const tactics = Object.values(TECHNIQUES).flatMap((technique) => technique.tactics);

    expect(tactics.filter((tactic) => !(tactic in TACTICS))).toEqual([]);
  });
});

describe.skipIf(!present)('TECHNIQUES against ATT&CK v18.1', () => {
  it('lists only active v18.1 techniques with their v18.1 names and tactics', () => {
    const catalogue = Catalogue.parse(JSON.parse(readFileSync(ATTACK_FILE, 'utf8')));
    const byId = new Map(catalogue.techniques.map((technique) => [technique.id, technique]));

    const mismatches = Object.entries(TECHNIQUES).flatMap(([id, info]) => {
      const actual = byId.get(id);
      if (actual === undefined || actual.deprecated) return [`${id} is not an active technique`];
      const same =
        actual.name === info.name &&
        [...actual.tactics].sort().join() === [...info.tactics].sort().join();
      return same ? [] : [`${id} differs: ${actual.name} ${actual.tactics.join(',')}`];
    });

    expect(mismatches).toEqual([]);
  });
});
