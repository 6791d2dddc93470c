import { isHuntCaseId } from '../../../evidence/hunt-case.ts';
import { GET_HUNT_CASE, type HuntCaseOutcome } from '../../../tools/hunt-case-tool.ts';
import type { EventsView, StorylineCoverage, ThreatView } from '../case-views.ts';
import { type Conversation, callsOf, outputOf } from '../conversation.ts';
import { call, type Turn } from '../playbook.ts';

/**
 * Event types asked for again when the storyline is longer than a page: the rare,
 * telling ones (what ran, what persisted, who logged on, what was injected), which a
 * long beacon or a chatty installer pushes past the first page. Connections, lookups and
 * module loads are many and alike; the first page samples them well enough.
 */
const FOLLOW_UP_GROUPS: readonly string[][] = [
  ['Process Creation', 'Command Script', 'Task Register', 'Task Update', 'Login'],
  [
    'Registry Value Modified',
    'Registry Value Create',
    'Registry Key Create',
    'Open Remote Process Handle',
    'Remote Thread Creation',
    'Behavioral Indicators',
    'File Deletion',
    'File Rename',
  ],
];

/**
 * The first steps every specialist that reads evidence takes: the threat, then its
 * storyline (and, when the storyline is longer than one page, its high-signal event
 * types page by page), then the endpoint. Returns the next call, or undefined when done.
 * A promoted hunt has no threat: its case and cited events come from `get_hunt_case`.
 */
export function gatherStoryline(
  conversation: Conversation,
  threatId: string,
): { next: Turn } | { threat: ThreatView; coverage: StorylineCoverage } {
  if (isHuntCaseId(threatId)) {
    const hunt = outputOf<HuntCaseOutcome>(conversation, GET_HUNT_CASE);
    if (hunt === undefined) {
      return {
        next: call(GET_HUNT_CASE, {}, 'read the case: the promoted hunt and its cited events'),
      };
    }
    return { threat: hunt.case, coverage: hunt.coverage };
  }

  const threat = outputOf<ThreatView>(conversation, 'get_threat');
  if (threat === undefined) {
    return { next: call('get_threat', { threatId }, 'read the case: the threat that fired') };
  }

  const pages = callsOf(conversation, 'list_threat_events');
  if (pages.length === 0) {
    return {
      next: call(
        'list_threat_events',
        { threatId, limit: 1000 },
        "read the threat's storyline, oldest first",
      ),
    };
  }
  const followUps = pages.length - 1;
  if (firstPageTruncated(conversation) && followUps < FOLLOW_UP_GROUPS.length) {
    return {
      next: call(
        'list_threat_events',
        { threatId, eventTypes: FOLLOW_UP_GROUPS[followUps], limit: 1000 },
        'the storyline is longer than one page: read its high-signal event types',
      ),
    };
  }

  const storyline = pages.flatMap((exchange) => {
    if (exchange.result.kind !== 'json') return [];
    const value = exchange.result.value as { status?: string; output?: EventsView };
    return value.status === 'ok' && value.output !== undefined ? [value.output] : [];
  });
  return {
    threat,
    coverage: {
      events: storyline.reduce((sum, page) => sum + page.newEvents, 0),
      truncated: firstPageTruncated(conversation),
      unreadable: storyline.reduce((sum, page) => sum + page.unreadableEvents, 0),
    },
  };
}

function firstPageTruncated(conversation: Conversation): boolean {
  const first = callsOf(conversation, 'list_threat_events')[0];
  if (first?.result.kind !== 'json') return false;
  const value = first.result.value as { output?: { truncated?: unknown } };
  return value.output?.truncated === true;
}
