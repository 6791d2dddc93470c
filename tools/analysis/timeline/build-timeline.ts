import { eventFactsOf } from '../attack/event-facts.ts';
import { matchRules, type RuleMatch } from '../attack/match-rules.ts';
import { COMMAND_RUNNERS, isDropLocation } from '../attack/rule-helpers.ts';
import { sortedByTime } from '../evidence/by-time.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { imageNameOf } from '../evidence/file-name.ts';
import { isPublicIp } from '../iocs/ip-address.ts';
import { parseAnalysisInput } from '../parse-analysis-input.ts';
import { truncateMiddle } from '../text/truncate-middle.ts';
import { describeEvent } from './describe-event.ts';
import { routineReason } from './routine-activity.ts';
import {
  BuildTimelineInput,
  type FoldedActivity,
  type Timeline,
  type TimelineEntry,
  type TimelineKind,
} from './timeline.ts';

/** Event ids cited per entry; `count` says how many there were. */
const CITED_IDS = 10;
const FOLDED_IDS = 3;

/** How much each kind of action says about an intrusion before any rule fires. */
const BASE_SIGNIFICANCE: Record<TimelineKind, number> = {
  process: 3,
  script: 2,
  file: 1.5,
  registry: 1.5,
  network: 1.5,
  dns: 1,
  url: 2,
  cross_process: 2,
  login: 2,
  task: 3,
  module: 1.5,
  indicator: 3,
  other: 0.5,
};

interface Builder {
  entry: TimelineEntry;
  ids: string[];
}

/**
 * Orders what happened into a timeline a person reads in a minute: identical actions
 * collapse into one line with a count, routine Windows activity folds into counts, and a
 * budget keeps the most significant lines. Every line cites its events.
 */
export function buildTimeline(input: BuildTimelineInput): Timeline {
  const parsed = parseAnalysisInput('buildTimeline', BuildTimelineInput, input);
  return timelineOf(parsed.events, parsed);
}

export function timelineOf(
  events: readonly EvidenceEvent[],
  {
    maxEntries = 50,
    maxObjectChars = 200,
    matches,
  }: { maxEntries?: number; maxObjectChars?: number; matches?: readonly RuleMatch[] } = {},
): Timeline {
  const hits = hitsByEvent(matches ?? matchRules(events));
  const builders = new Map<string, Builder>();
  const folded = new Map<string, FoldedActivity>();

  for (const event of sortedByTime(events)) {
    const description = describeEvent(event);
    const eventHits = hits.get(event.id);
    const routine = eventHits === undefined ? routineReason(event) : undefined;
    if (routine !== undefined) {
      const entry = folded.get(routine) ?? {
        kind: description.kind,
        reason: routine,
        count: 0,
        eventIds: [],
      };
      entry.count += 1;
      if (entry.eventIds.length < FOLDED_IDS) entry.eventIds.push(event.id);
      folded.set(routine, entry);
      continue;
    }

    const actorName = event.process.name ?? imageNameOf(event.process) ?? undefined;
    const key = [
      event.endpoint.agentUuid ?? event.endpoint.name,
      event.process.uid ?? actorName,
      description.kind,
      description.action,
      description.object,
    ].join('\u0000');
    const techniques = eventHits?.techniques ?? [];
    const existing = builders.get(key);
    if (existing !== undefined) {
      const entry = existing.entry;
      entry.count += 1;
      entry.lastTime = event.time;
      entry.techniques = [...new Set([...entry.techniques, ...techniques])].sort();
      entry.significance = Math.max(
        entry.significance,
        significanceOf(event, description.kind, eventHits),
      );
      if (existing.ids.length < CITED_IDS) existing.ids.push(event.id);
      continue;
    }
    builders.set(key, {
      ids: [event.id],
      entry: {
        time: event.time,
        lastTime: event.time,
        count: 1,
        kind: description.kind,
        ...(event.endpoint.name === undefined ? {} : { endpoint: event.endpoint.name }),
        actor: {
          ...(event.process.uid === undefined ? {} : { uid: event.process.uid }),
          ...(actorName === undefined || actorName === '' ? {} : { name: actorName }),
        },
        action: description.action,
        object: truncateMiddle(description.object, maxObjectChars),
        summary: '',
        techniques: [...techniques].sort(),
        significance: significanceOf(event, description.kind, eventHits),
        eventIds: [],
      },
    });
  }

  const all = [...builders.values()].map(({ entry, ids }) => ({
    ...entry,
    eventIds: ids,
    significance: Math.round(entry.significance * 100) / 100,
    summary: summaryOf(entry),
  }));
  const kept = [...all]
    .sort((a, b) => b.significance - a.significance || a.time - b.time)
    .slice(0, maxEntries)
    .sort((a, b) => a.time - b.time || (a.eventIds[0] ?? '').localeCompare(b.eventIds[0] ?? ''));
  const keptCount = kept.reduce((sum, entry) => sum + entry.count, 0);
  const listedCount = all.reduce((sum, entry) => sum + entry.count, 0);

  return {
    entries: kept,
    totalEvents: events.length,
    omitted: { entries: all.length - kept.length, events: listedCount - keptCount },
    folded: [...folded.values()].sort((a, b) => b.count - a.count),
  };
}

interface EventHits {
  techniques: string[];
  confidence: number;
}

function hitsByEvent(matches: readonly RuleMatch[]): Map<string, EventHits> {
  const byEvent = new Map<string, EventHits>();
  for (const { rule, eventIds } of matches) {
    for (const id of eventIds) {
      const hit = byEvent.get(id) ?? { techniques: [], confidence: 0 };
      if (!hit.techniques.includes(rule.technique)) hit.techniques.push(rule.technique);
      hit.confidence = Math.max(hit.confidence, rule.confidence);
      byEvent.set(id, hit);
    }
  }
  return byEvent;
}

function significanceOf(
  event: EvidenceEvent,
  kind: TimelineKind,
  hits: EventHits | undefined,
): number {
  const facts = eventFactsOf(event);
  let score = BASE_SIGNIFICANCE[kind];
  if (hits !== undefined) {
    score += 3 + 4 * hits.confidence + hits.techniques.length;
  }
  if (isDropLocation(facts.actorPath)) score += 1.5;
  if (kind === 'process' && isDropLocation(event.target.process?.imagePath ?? '')) score += 2;
  if (COMMAND_RUNNERS.includes(facts.actorImage)) score += 0.5;
  const network = event.target.network;
  const peer = network?.direction?.toUpperCase() === 'INCOMING' ? network.srcIp : network?.dstIp;
  if (peer !== undefined && isPublicIp(peer)) score += 1.5;
  if (event.type === 'Login' && event.target.login?.success === false) score += 0.5;
  return score;
}

function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 19);
}

function summaryOf(entry: TimelineEntry): string {
  const who =
    entry.kind === 'login'
      ? (entry.endpoint ?? 'endpoint')
      : (entry.actor.name ?? entry.actor.uid ?? 'an unknown process');
  const what = entry.object === '' ? entry.action : `${entry.action} ${entry.object}`;
  const repeats = entry.count > 1 ? ` (${entry.count} times until ${clock(entry.lastTime)})` : '';
  return `${who} ${what}${repeats}`;
}
