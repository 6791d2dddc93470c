import type { AttackCatalog, TechniqueNormalisation } from '../attack/attack-catalog.ts';
import { crosswalkOnlyNormalise } from '../attack/attack-catalog.ts';
import { ENTERPRISE_TACTICS } from '../attack/tactics.ts';
import type { RecordingMetadata } from '../metadata/recording-metadata.ts';

/** One ground-truth technique, normalised to v18.1, with the tactics it was labelled under. */
export interface LabelledTechnique {
  id: string;
  name: string | undefined;
  tactics: string[];
  source: string;
  status: TechniqueNormalisation['status'];
}

export interface TechniqueLabels {
  techniques: LabelledTechnique[];
  /** Ids as labelled, before normalisation. */
  sourceIds: string[];
  /** Labels with no v18.1 technique. */
  unmapped: string[];
  /** Tactic ids in label order. */
  tactics: string[];
}

function composeId(technique: string, sub: string | number | null | undefined): string {
  const subText = sub === null || sub === undefined ? '' : String(sub).trim();
  return subText === '' || technique.includes('.')
    ? technique.trim()
    : `${technique.trim()}.${subText.padStart(3, '0')}`;
}

/** Normalises the metadata's `attack_mappings` through the catalogue (or the crosswalk alone). */
export function labelTechniques({
  metadata,
  attack,
}: {
  metadata: RecordingMetadata | undefined;
  attack: AttackCatalog | undefined;
}): TechniqueLabels {
  const labels: TechniqueLabels = { techniques: [], sourceIds: [], unmapped: [], tactics: [] };
  for (const mapping of metadata?.attack_mappings ?? []) {
    const source = composeId(mapping.technique, mapping['sub-technique']);
    if (!labels.sourceIds.includes(source)) {
      labels.sourceIds.push(source);
    }
    const normalised = attack?.normalise(source) ?? crosswalkOnlyNormalise(source);
    const labelledTactics = (mapping.tactics ?? []).map((tactic) => tactic.trim().toUpperCase());
    if (normalised.id === undefined) {
      labels.unmapped.push(source);
      continue;
    }

    const technique = attack?.technique(normalised.id);
    const tactics = labelledTactics.length > 0 ? labelledTactics : (technique?.tactics ?? []);
    for (const tactic of tactics) {
      if (!labels.tactics.includes(tactic)) {
        labels.tactics.push(tactic);
      }
    }
    const known = labels.techniques.find((entry) => entry.id === normalised.id);
    if (known === undefined) {
      labels.techniques.push({
        id: normalised.id,
        name: technique?.name,
        tactics,
        source,
        status: normalised.status,
      });
    } else {
      known.tactics = [...new Set([...known.tactics, ...tactics])];
    }
  }
  return labels;
}

export function tacticName(tactic: string, attack: AttackCatalog | undefined): string {
  return attack?.tactic(tactic)?.name ?? ENTERPRISE_TACTICS[tactic]?.name ?? tactic;
}

/** `T1003.001` → `https://attack.mitre.org/techniques/T1003/001/`. */
export function techniqueLink(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}
