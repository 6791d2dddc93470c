import type { SimUser } from '../identity/sim-users.ts';
import type { SimStore } from '../open-sim-store.ts';
import { renderActivity } from '../render/render-activity.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import { type Page, type PageRequest, readPage } from '../sql/page.ts';
import { SqlWhere, type TimeRange } from '../sql/sql-where.ts';
import { ACTIVITY_TYPES, type ActivityTypeName } from './activity-types.ts';

export interface ActivityRow {
  id: string;
  activity_type: number;
  created_at: number;
  user_id: string | null;
  user_email: string | null;
  threat_id: string | null;
  agent_id: string | null;
  scenario_id: string | null;
  primary_description: string;
  secondary_description: string | null;
  data: string;
  site_name: string | null;
  group_name: string | null;
  os_type: string | null;
}

export interface NewActivity {
  type: ActivityTypeName;
  user: SimUser | null;
  primary: string;
  secondary?: string;
  threatId?: string;
  agentId?: string;
  scenarioId?: string;
  data?: Record<string, unknown>;
  /** Defaults to now; scenario loads date detections at the threat's own time. */
  at?: number;
}

/** Appends one audit entry and returns its id. */
export function recordActivity(store: SimStore, activity: NewActivity): string {
  const id = store.ids.next();
  cachedStatement(
    store.db,
    `INSERT INTO activities (id, activity_type, created_at, user_id, user_email, threat_id,
       agent_id, scenario_id, primary_description, secondary_description, data)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    ACTIVITY_TYPES[activity.type].id,
    activity.at ?? store.clock.now(),
    activity.user?.id ?? null,
    activity.user?.email ?? null,
    activity.threatId ?? null,
    activity.agentId ?? null,
    activity.scenarioId ?? null,
    activity.primary,
    activity.secondary ?? null,
    JSON.stringify({ ...activity.data, username: activity.user?.fullName ?? null }),
  );
  return id;
}

export interface ActivityFilter {
  ids?: string[];
  threatIds?: string[];
  agentIds?: string[];
  activityTypes?: number[];
  userIds?: string[];
  userEmails?: string[];
  createdAt?: TimeRange;
}

export const ACTIVITY_SORTS = {
  id: 'length(a.id) {dir}, a.id {dir}',
  createdAt: 'a.created_at {dir}, length(a.id) {dir}, a.id {dir}',
  activityType: 'a.activity_type {dir}, a.created_at {dir}, a.id {dir}',
} as const;
export type ActivitySort = keyof typeof ACTIVITY_SORTS;

export function listActivities(
  store: SimStore,
  {
    filter,
    sortBy = 'createdAt',
    sortOrder = 'asc',
    page,
  }: {
    filter: ActivityFilter;
    sortBy?: ActivitySort;
    sortOrder?: 'asc' | 'desc';
    page: PageRequest;
  },
): Page<Record<string, unknown>> {
  const where = new SqlWhere()
    .anyOf('a.id', filter.ids)
    .anyOf('a.threat_id', filter.threatIds)
    .anyOf('a.agent_id', filter.agentIds)
    .anyOf('a.activity_type', filter.activityTypes)
    .anyOf('a.user_id', filter.userIds)
    .anyOf('a.user_email', filter.userEmails, true)
    .range('a.created_at', filter.createdAt);

  return readPage({
    db: store.db,
    select: 'a.*, g.site_name, g.group_name, g.os_type',
    from: `activities a
      LEFT JOIN threats t ON t.id = a.threat_id
      LEFT JOIN agents g ON g.id = coalesce(a.agent_id, t.agent_id) ${where.toSql()}`,
    params: where.params,
    orderBy: ACTIVITY_SORTS[sortBy],
    sortOrder,
    page,
    render: renderActivity,
  });
}
