import { settleNetworkStatus } from '../agents/agent-network.ts';
import { type EventTypeMatch, eventTypeClause } from '../deep-visibility/event-type-match.ts';
import type { SimStore } from '../open-sim-store.ts';
import { DV_EVENT_SELECT, renderDvEvent } from '../render/render-dv-event.ts';
import type { ThreatRow } from '../render/render-threat.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import { type Page, type PageRequest, readPage } from '../sql/page.ts';
import { SqlWhere } from '../sql/sql-where.ts';

export const STORYLINE_EVENT_SORTS = {
  createdAt: 'e.event_time {dir}, e.id {dir}',
  eventType: 'e.event_type COLLATE NOCASE {dir}, e.event_time {dir}, e.id {dir}',
  id: 'length(e.event_id) {dir}, e.event_id {dir}',
  pid: 'e.src_process_pid {dir}, e.event_time {dir}, e.id {dir}',
  processName: 'e.src_process_name COLLATE NOCASE {dir}, e.event_time {dir}, e.id {dir}',
} as const;
export type StorylineEventSort = keyof typeof STORYLINE_EVENT_SORTS;

/**
 * `GET /threats/{id}/explore/events`: the events of the threat's storyline on its
 * endpoint, whether the storyline is the acting process's or the target's.
 */
export function listStorylineEvents(
  store: SimStore,
  {
    threat,
    eventTypes,
    sortBy = 'createdAt',
    sortOrder = 'asc',
    page,
  }: {
    threat: ThreatRow;
    eventTypes?: readonly EventTypeMatch[];
    sortBy?: StorylineEventSort;
    sortOrder?: 'asc' | 'desc';
    page: PageRequest;
  },
): Page<Record<string, unknown>> {
  settleNetworkStatus(store);
  const agent = cachedStatement(store.db, 'SELECT uuid FROM agents WHERE id = ?').get(
    threat.agent_id,
  ) as { uuid: string } | undefined;

  const where = new SqlWhere()
    .add('e.agent_uuid = ?', agent?.uuid ?? '')
    .add(
      '(e.src_process_storyline_id = ? OR e.tgt_process_storyline_id = ?)',
      threat.storyline,
      threat.storyline,
    );
  if (eventTypes !== undefined && eventTypes.length > 0) {
    const clause = eventTypeClause(eventTypes);
    where.add(clause.sql, ...clause.params);
  }

  return readPage({
    db: store.db,
    select: DV_EVENT_SELECT,
    from: `events e LEFT JOIN agents a ON a.uuid = e.agent_uuid ${where.toSql()}`,
    params: where.params,
    orderBy: STORYLINE_EVENT_SORTS[sortBy],
    sortOrder,
    page,
    render: renderDvEvent,
  });
}
