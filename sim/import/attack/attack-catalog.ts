import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ImportError } from '../import-error.ts';
import { ENTERPRISE_TACTICS } from './tactics.ts';
import { TECHNIQUE_CROSSWALK } from './technique-crosswalk.ts';

const CatalogFile = z.object({
  source: z.string().optional(),
  tactics: z.array(z.object({ id: z.string(), shortname: z.string(), name: z.string() })),
  techniques: z.array(
    z.object({
      id: z.string().regex(/^T\d{4}(\.\d{3})?$/),
      name: z.string(),
      tactics: z.array(z.string()),
      platforms: z.array(z.string()).default([]),
      deprecated: z.boolean(),
      subtechnique: z.boolean(),
    }),
  ),
});

export interface AttackTechnique {
  id: string;
  name: string;
  /** Tactic ids, e.g. `TA0006`. */
  tactics: string[];
  deprecated: boolean;
}

export interface AttackTactic {
  id: string;
  shortname: string;
  name: string;
}

/**
 * How a label was normalised: `current` (active as written), `crosswalk` (a retired id
 * with a known successor), `parent` (an unknown sub-technique of an active technique),
 * `unknown` (no v18.1 technique; `id` is undefined).
 */
export interface TechniqueNormalisation {
  input: string;
  id: string | undefined;
  status: 'current' | 'crosswalk' | 'parent' | 'unknown';
}

export interface AttackCatalog {
  /** Where the catalogue came from, e.g. `ATT&CK v18.1`. */
  source: string;
  technique(id: string): AttackTechnique | undefined;
  tactic(id: string): AttackTactic | undefined;
  normalise(label: string): TechniqueNormalisation;
}

/** `t1003/001`, `T1003.1` and ` T1003.001 ` all name `T1003.001`. */
export function canonicalTechniqueId(label: string): string | undefined {
  const match = /^T(\d{4})(?:[./](\d{1,3}))?$/i.exec(label.trim());
  if (match === null) {
    return undefined;
  }
  const [, technique, sub] = match;
  return sub === undefined ? `T${technique}` : `T${technique}.${sub.padStart(3, '0')}`;
}

export function createAttackCatalog({
  source,
  techniques,
  tactics,
}: {
  source: string;
  techniques: readonly AttackTechnique[];
  tactics: readonly AttackTactic[];
}): AttackCatalog {
  const byId = new Map(techniques.map((technique) => [technique.id, technique]));
  const tacticsById = new Map(tactics.map((tactic) => [tactic.id, tactic]));
  const isActive = (id: string | undefined): boolean =>
    id !== undefined && byId.get(id)?.deprecated === false;

  return {
    source,
    technique: (id) => byId.get(id),
    tactic: (id) => tacticsById.get(id),
    normalise(label) {
      const id = canonicalTechniqueId(label);
      if (id === undefined) {
        return { input: label, id: undefined, status: 'unknown' };
      }
      if (isActive(id)) {
        return { input: label, id, status: 'current' };
      }
      const successor = TECHNIQUE_CROSSWALK[id];
      if (successor !== undefined && isActive(successor)) {
        return { input: label, id: successor, status: 'crosswalk' };
      }
      const parent = id.split('.')[0];
      if (id.includes('.') && parent !== undefined && isActive(parent)) {
        return { input: label, id: parent, status: 'parent' };
      }
      return { input: label, id: undefined, status: 'unknown' };
    },
  };
}

/**
 * Normalises labels with the crosswalk alone, for imports run without a catalogue
 * file: ids are reformatted and retired ones replaced, but nothing is verified.
 */
export function crosswalkOnlyNormalise(label: string): TechniqueNormalisation {
  const id = canonicalTechniqueId(label);
  if (id === undefined) {
    return { input: label, id: undefined, status: 'unknown' };
  }
  const successor = TECHNIQUE_CROSSWALK[id];
  return successor === undefined
    ? { input: label, id, status: 'current' }
    : { input: label, id: successor, status: 'crosswalk' };
}

/** Reads the compact ATT&CK file (`enterprise-attack-v18.1.json`). */
export async function loadAttackCatalog({ path }: { path: string }): Promise<AttackCatalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new ImportError({
      code: 'ATTACK_CATALOG_INVALID',
      message: `cannot read the ATT&CK catalogue ${path}: ${(cause as Error).message}`,
      path,
      cause,
    });
  }
  const parsed = CatalogFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError({
      code: 'ATTACK_CATALOG_INVALID',
      message: `the ATT&CK catalogue ${path} is malformed at ${
        issue?.path.join('.') || '(root)'
      }: ${issue?.message}`,
      path,
    });
  }
  return createAttackCatalog({
    source: parsed.data.source ?? path,
    techniques: parsed.data.techniques,
    tactics: parsed.data.tactics.length > 0 ? parsed.data.tactics : builtInTactics(),
  });
}

function builtInTactics(): AttackTactic[] {
  return Object.entries(ENTERPRISE_TACTICS).map(([id, tactic]) => ({ id, ...tactic }));
}
