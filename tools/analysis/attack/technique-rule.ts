import type { EventType } from '../../s1ql/event-types.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import type { EventFacts } from './event-facts.ts';

/**
 * One ATT&CK mapping: what it matches in an event, the technique it evidences and how
 * sure a match makes us. A rule names one technique; behaviour that evidences two
 * techniques is two rules sharing a predicate.
 */
export interface TechniqueRule {
  /** Stable kebab-case id, cited in findings. */
  id: string;
  /** ATT&CK v18.1 technique id, e.g. `T1003.001`. */
  technique: string;
  /** What the rule detects, in plain words for the analyst. */
  title: string;
  /** 0..1: how strongly one match evidences the technique. */
  confidence: number;
  /** The event types it can match (empty: any); others are skipped without calling `match`. */
  eventTypes: readonly EventType[];
  match(event: EvidenceEvent, facts: EventFacts): boolean;
}

/**
 * A rule over many events at once (a burst of failed logons), for behaviour no single
 * event shows. Returns the groups of event ids that match, one per occurrence.
 */
export interface AggregateRule {
  id: string;
  technique: string;
  title: string;
  confidence: number;
  eventTypes: readonly EventType[];
  matchAll(events: readonly EvidenceEvent[]): string[][];
}

export type AnyRule = TechniqueRule | AggregateRule;

export function isAggregateRule(rule: AnyRule): rule is AggregateRule {
  return 'matchAll' in rule;
}
