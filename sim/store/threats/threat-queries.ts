import { settleNetworkStatus } from '../agents/agent-network.ts';
import { findAgent } from '../agents/agent-queries.ts';
import type { SimStore } from '../open-sim-store.ts';
import { renderThreat, type ThreatRow } from '../render/render-threat.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import { type Page, type PageRequest, readPage } from '../sql/page.ts';
import { SqlWhere, type TimeRange } from '../sql/sql-where.ts';

/** The `GET /threats` filters the simulator supports, already parsed. */
export interface ThreatFilter {
  ids?: string[];
  idsNin?: string[];
  agentIds?: string[];
  agentIdsNin?: string[];
  storylines?: string[];
  storylinesNin?: string[];
  classifications?: string[];
  classificationsNin?: string[];
  incidentStatuses?: string[];
  incidentStatusesNin?: string[];
  analystVerdicts?: string[];
  analystVerdictsNin?: string[];
  confidenceLevels?: string[];
  confidenceLevelsNin?: string[];
  mitigationStatuses?: string[];
  mitigationStatusesNin?: string[];
  createdAt?: TimeRange;
  updatedAt?: TimeRange;
}

export const THREAT_SORTS = {
  id: 'length(id) {dir}, id {dir}',
  createdAt: 'created_at {dir}, length(id) {dir}, id {dir}',
  updatedAt: 'updated_at {dir}, length(id) {dir}, id {dir}',
  classification: 'classification COLLATE NOCASE {dir}, created_at {dir}, id {dir}',
} as const;
export type ThreatSort = keyof typeof THREAT_SORTS;

export function threatWhere(filter: ThreatFilter): SqlWhere {
  return new SqlWhere()
    .anyOf('id', filter.ids)
    .noneOf('id', filter.idsNin)
    .anyOf('agent_id', filter.agentIds)
    .noneOf('agent_id', filter.agentIdsNin)
    .anyOf('storyline', filter.storylines, true)
    .noneOf('storyline', filter.storylinesNin, true)
    .anyOf('classification', filter.classifications, true)
    .noneOf('classification', filter.classificationsNin, true)
    .anyOf('incident_status', filter.incidentStatuses)
    .noneOf('incident_status', filter.incidentStatusesNin)
    .anyOf('analyst_verdict', filter.analystVerdicts)
    .noneOf('analyst_verdict', filter.analystVerdictsNin)
    .anyOf('confidence_level', filter.confidenceLevels)
    .noneOf('confidence_level', filter.confidenceLevelsNin)
    .anyOf('mitigation_status', filter.mitigationStatuses)
    .noneOf('mitigation_status', filter.mitigationStatusesNin)
    .range('created_at', filter.createdAt)
    .range('updated_at', filter.updatedAt);
}

function activeThreatsOn(store: SimStore, agentId: string): number {
  const row = cachedStatement(
    store.db,
    `SELECT count(*) AS n FROM threats
     WHERE agent_id = ? AND incident_status != 'resolved' AND mitigation_status != 'mitigated'`,
  ).get(agentId) as { n: number };
  return row.n;
}

export function renderThreatRow(store: SimStore, row: ThreatRow): Record<string, unknown> {
  const agent = findAgent(store, row.agent_id);
  if (agent === undefined) {
    throw new Error(`threat ${row.id} refers to agent ${row.agent_id}, which is not stored`);
  }
  return renderThreat({ row, agent, activeThreats: activeThreatsOn(store, agent.id) });
}

export function listThreats(
  store: SimStore,
  {
    filter,
    sortBy = 'createdAt',
    sortOrder = 'asc',
    page,
  }: { filter: ThreatFilter; sortBy?: ThreatSort; sortOrder?: 'asc' | 'desc'; page: PageRequest },
): Page<Record<string, unknown>> {
  settleNetworkStatus(store);
  const where = threatWhere(filter);
  return readPage({
    db: store.db,
    select: '*',
    from: `threats ${where.toSql()}`,
    params: where.params,
    orderBy: THREAT_SORTS[sortBy],
    sortOrder,
    page,
    render: (row: ThreatRow) => renderThreatRow(store, row),
  });
}

export function findThreat(store: SimStore, id: string): ThreatRow | undefined {
  return cachedStatement(store.db, 'SELECT * FROM threats WHERE id = ?').get(id) as
    | ThreatRow
    | undefined;
}

/** The threats a bulk action's filter selects, oldest first. */
export function matchThreats(store: SimStore, filter: ThreatFilter): ThreatRow[] {
  const where = threatWhere(filter);
  return cachedStatement(
    store.db,
    `SELECT * FROM threats ${where.toSql()} ORDER BY created_at, id`,
  ).all(...where.params) as ThreatRow[];
}
