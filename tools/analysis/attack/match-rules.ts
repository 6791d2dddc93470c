import type { EventType } from '../../s1ql/event-types.ts';
import { sortedByTime } from '../evidence/by-time.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { eventFactsOf } from './event-facts.ts';
import { type AnyRule, isAggregateRule, type TechniqueRule } from './technique-rule.ts';
import { activeTechniqueRules } from './technique-rule-scope.ts';

export interface RuleMatch {
  rule: AnyRule;
  /** Every matching event, in time order. */
  eventIds: string[];
  /** The time of each of those events (epoch ms), so merged matches can stay in order. */
  times: number[];
}

/**
 * Runs the rule library over a case. Each event's facts are computed once; rules are
 * looked up by event type so an event only meets the rules that can match it.
 */
export function matchRules(
  events: readonly EvidenceEvent[],
  rules: readonly AnyRule[] = activeTechniqueRules(),
): RuleMatch[] {
  const ordered = sortedByTime(events);
  const byRule = new Map<AnyRule, string[]>();
  const add = (rule: AnyRule, id: string) => {
    const ids = byRule.get(rule);
    if (ids === undefined) byRule.set(rule, [id]);
    else ids.push(id);
  };

  const perEvent = rules.filter((rule): rule is TechniqueRule => !isAggregateRule(rule));
  const anyType = perEvent.filter((rule) => rule.eventTypes.length === 0);
  const byType = new Map<EventType, TechniqueRule[]>();
  for (const rule of perEvent) {
    for (const type of rule.eventTypes) {
      byType.set(type, [...(byType.get(type) ?? []), rule]);
    }
  }

  const created = new Set<string>();
  for (const event of ordered) {
    const uid = event.type === 'Process Creation' ? event.target.process?.uid : undefined;
    if (uid !== undefined) created.add(uid);
  }
  const observed = new Set<string>();

  for (const event of ordered) {
    const uid = event.process.uid;
    const firstSight = uid !== undefined && !created.has(uid) && !observed.has(uid);
    if (firstSight) observed.add(uid);
    const facts = eventFactsOf(event, firstSight);
    for (const rule of [...anyType, ...(byType.get(event.type) ?? [])]) {
      if (rule.match(event, facts)) add(rule, event.id);
    }
  }

  for (const rule of rules) {
    if (isAggregateRule(rule)) {
      const relevant = ordered.filter((event) => rule.eventTypes.includes(event.type));
      for (const group of rule.matchAll(relevant)) {
        for (const id of group) add(rule, id);
      }
    }
  }

  const timeOf = new Map(ordered.map((event) => [event.id, event.time]));
  return rules.flatMap((rule) => {
    const ids = byRule.get(rule);
    if (ids === undefined) return [];
    const eventIds = [...new Set(ids)].sort((a, b) => (timeOf.get(a) ?? 0) - (timeOf.get(b) ?? 0));
    return [{ rule, eventIds, times: eventIds.map((id) => timeOf.get(id) ?? 0) }];
  });
}
