import { evidencePackOf } from '../../tools/analysis/index.ts';
import { evidenceFromConsoleEvents } from '../evidence/console-event.ts';
import type { CaseRun } from '../run/case-run.ts';

/** Tokens of digest a model gets for one batch of events; the full events stay in the run. */
const DIGEST_TOKENS = 1_500;

/**
 * What a model sees of a read that returned events: counts, the time span, the endpoints
 * and a digest citing event ids, while the events themselves join the run's evidence.
 * Thousands of raw events would not fit a prompt; the analysis tools read them all.
 */
export function eventsView({
  run,
  agentId,
  tool,
  output,
  keepEvent,
}: {
  run: CaseRun;
  agentId: string;
  tool: string;
  output: Record<string, unknown> & { events: unknown[] };
  /** Which events join the run's evidence and the view; all of them when absent. */
  keepEvent?: ((eventId: string) => boolean) | undefined;
}): Record<string, unknown> {
  const { events: raw, ...rest } = output;
  const read = evidenceFromConsoleEvents(raw);
  const rejected = read.rejected;
  const events =
    keepEvent === undefined ? read.events : read.events.filter((event) => keepEvent(event.id));
  const queryId = typeof rest.queryId === 'string' ? rest.queryId : null;
  const added = run.ledger.add(events, { agentId, tool, queryId });
  run.ledger.rejected += rejected;

  const types = new Map<string, number>();
  const endpoints = new Map<string, number>();
  for (const event of events) {
    types.set(event.type, (types.get(event.type) ?? 0) + 1);
    const name = event.endpoint.name ?? event.endpoint.agentUuid ?? 'unknown';
    endpoints.set(name, (endpoints.get(name) ?? 0) + 1);
  }
  const first = events.reduce((min, event) => Math.min(min, event.time), Number.POSITIVE_INFINITY);
  const last = events.reduce((max, event) => Math.max(max, event.time), Number.NEGATIVE_INFINITY);

  return {
    ...rest,
    eventCount: events.length,
    newEvents: added,
    unreadableEvents: rejected,
    firstEventTime: events.length === 0 ? null : new Date(first).toISOString(),
    lastEventTime: events.length === 0 ? null : new Date(last).toISOString(),
    eventTypes: Object.fromEntries([...types].sort((a, b) => b[1] - a[1])),
    endpoints: Object.fromEntries([...endpoints].sort()),
    digest: events.length === 0 ? '' : evidencePackOf(events, { budgetTokens: DIGEST_TOKENS }).text,
  };
}
