import type { SimStore } from '../open-sim-store.ts';
import { type AgentRow, renderAgent } from '../render/render-agent.ts';
import { cachedStatement } from '../sql/cached-statement.ts';
import { type Page, type PageRequest, readPage } from '../sql/page.ts';
import { SqlWhere } from '../sql/sql-where.ts';
import { settleNetworkStatus } from './agent-network.ts';

export interface AgentFilter {
  ids?: string[];
  idsNin?: string[];
  uuids?: string[];
  computerName?: string[];
  computerNameContains?: string[];
  networkStatuses?: string[];
  networkStatusesNin?: string[];
  osTypes?: string[];
  osTypesNin?: string[];
  machineTypes?: string[];
  machineTypesNin?: string[];
}

export const AGENT_SORTS = {
  id: 'length(id) {dir}, id {dir}',
  computerName: 'computer_name COLLATE NOCASE {dir}, id {dir}',
  createdAt: 'registered_at {dir}, id {dir}',
  updatedAt: 'updated_at {dir}, id {dir}',
  networkStatus: 'network_status {dir}, id {dir}',
  osType: 'os_type {dir}, id {dir}',
} as const;
export type AgentSort = keyof typeof AGENT_SORTS;

function agentWhere(filter: AgentFilter): SqlWhere {
  return new SqlWhere()
    .anyOf('id', filter.ids)
    .noneOf('id', filter.idsNin)
    .anyOf('uuid', filter.uuids, true)
    .anyOf('computer_name', filter.computerName, true)
    .containsAny('computer_name', filter.computerNameContains)
    .anyOf('network_status', filter.networkStatuses)
    .noneOf('network_status', filter.networkStatusesNin)
    .anyOf('os_type', filter.osTypes)
    .noneOf('os_type', filter.osTypesNin)
    .anyOf('machine_type', filter.machineTypes)
    .noneOf('machine_type', filter.machineTypesNin);
}

export function listAgents(
  store: SimStore,
  {
    filter,
    sortBy = 'id',
    sortOrder = 'asc',
    page,
  }: { filter: AgentFilter; sortBy?: AgentSort; sortOrder?: 'asc' | 'desc'; page: PageRequest },
): Page<Record<string, unknown>> {
  settleNetworkStatus(store);
  const where = agentWhere(filter);
  return readPage({
    db: store.db,
    select: '*',
    from: `agents ${where.toSql()}`,
    params: where.params,
    orderBy: AGENT_SORTS[sortBy],
    sortOrder,
    page,
    render: renderAgent,
  });
}

/** The agents a bulk action's filter selects, for actions that must touch each one. */
export function matchAgents(store: SimStore, filter: AgentFilter): AgentRow[] {
  settleNetworkStatus(store);
  const where = agentWhere(filter);
  return cachedStatement(store.db, `SELECT * FROM agents ${where.toSql()} ORDER BY id`).all(
    ...where.params,
  ) as AgentRow[];
}

export function findAgent(store: SimStore, id: string): AgentRow | undefined {
  return cachedStatement(store.db, 'SELECT * FROM agents WHERE id = ?').get(id) as
    | AgentRow
    | undefined;
}
