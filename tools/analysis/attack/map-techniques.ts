import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { parseAnalysisInput } from '../parse-analysis-input.ts';
import { matchRules, type RuleMatch } from './match-rules.ts';
import { ATTACK_VERSION, TACTICS, TECHNIQUES } from './technique-catalog.ts';
import {
  type MappedTechnique,
  MapTechniquesInput,
  type RuleHit,
  type TechniqueMapping,
} from './technique-mapping.ts';
import { activeTechniqueRules } from './technique-rule-scope.ts';

/** Each further agreeing rule adds this much to a technique's confidence. */
const AGREEMENT_BONUS = 0.05;
const MAX_CONFIDENCE = 0.99;

/** Maps a case's events to ATT&CK techniques with the rule library, citing the events. */
export function mapTechniques(input: MapTechniquesInput): TechniqueMapping {
  const parsed = parseAnalysisInput('mapTechniques', MapTechniquesInput, input);
  return techniqueMappingOf(parsed.events, parsed);
}

export function techniqueMappingOf(
  events: readonly EvidenceEvent[],
  options: { minConfidence?: number; maxEventIds?: number } = {},
): TechniqueMapping {
  return summariseMatches(matchRules(events), options);
}

export function summariseMatches(
  matches: readonly RuleMatch[],
  { minConfidence = 0, maxEventIds = 25 }: { minConfidence?: number; maxEventIds?: number } = {},
): TechniqueMapping {
  const hits: RuleHit[] = matches.map(({ rule, eventIds }) => ({
    ruleId: rule.id,
    technique: rule.technique,
    title: rule.title,
    confidence: rule.confidence,
    count: eventIds.length,
    eventIds: eventIds.slice(0, maxEventIds),
  }));

  const byTechnique = new Map<string, RuleMatch[]>();
  for (const match of matches) {
    byTechnique.set(match.rule.technique, [
      ...(byTechnique.get(match.rule.technique) ?? []),
      match,
    ]);
  }

  const techniques: MappedTechnique[] = [...byTechnique].flatMap(([id, group]) => {
    const strongest = Math.max(...group.map((match) => match.rule.confidence));
    const confidence = round(
      Math.min(MAX_CONFIDENCE, strongest + AGREEMENT_BONUS * (group.length - 1)),
    );
    if (confidence < minConfidence) {
      return [];
    }
    const times = new Map(
      group.flatMap((match) => match.eventIds.map((id, i) => [id, match.times[i] ?? 0])),
    );
    const eventIds = [...times.keys()].sort(
      (a, b) => (times.get(a) ?? 0) - (times.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const info = TECHNIQUES[id];
    return [
      {
        id,
        name: info?.name ?? id,
        tactics: (info?.tactics ?? []).map((tactic) => TACTICS[tactic] ?? tactic),
        confidence,
        ruleIds: group.map((match) => match.rule.id),
        count: eventIds.length,
        eventIds: eventIds.slice(0, maxEventIds),
      },
    ];
  });
  techniques.sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : 1));

  return {
    attackVersion: ATTACK_VERSION,
    techniques,
    hits: hits.filter((hit) => techniques.some((technique) => technique.id === hit.technique)),
    rulesEvaluated: activeTechniqueRules().length,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
