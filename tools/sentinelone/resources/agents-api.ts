import { z } from 'zod';
import { Agent, NetworkStatus } from '../schemas/agent.ts';
import {
  Affected,
  dataEnvelope,
  type ListPage,
  listEnvelope,
  toListPage,
} from '../schemas/envelope.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import { API_PREFIX, type Transport } from '../transport/transport.ts';
import { getById } from './get-by-id.ts';
import { iteratePages } from './iterate-pages.ts';
import { IdList, nonEmptyList, paging, Signal } from './params.ts';

export const AgentFilter = z.strictObject({
  ids: IdList.optional(),
  computerName: z.string().min(1).optional(),
  computerName__contains: nonEmptyList(z.string().min(1)).optional(),
  networkStatuses: nonEmptyList(NetworkStatus).optional(),
  sortBy: z
    .enum(['id', 'computerName', 'createdAt', 'updatedAt', 'lastActiveDate', 'networkStatus'])
    .optional(),
  ...paging,
  signal: Signal.optional(),
});
export type AgentFilter = z.input<typeof AgentFilter>;

const AgentIds = z.strictObject({ ids: IdList, signal: Signal.optional() });
export type AgentIdsParams = z.input<typeof AgentIds>;

const AgentList = listEnvelope(Agent);
const AffectedBody = dataEnvelope(Affected);

export interface AgentsApi {
  listAgents(filter?: AgentFilter): Promise<ListPage<Agent>>;
  iterateAgents(filter?: AgentFilter): AsyncGenerator<ListPage<Agent>, void, undefined>;
  /** One agent by id; a `not_found` error when the console has none. */
  getAgent(params: { id: string; signal?: AbortSignal }): Promise<Agent>;
  /** Network-isolates the endpoints. */
  disconnectAgents(params: AgentIdsParams): Promise<{ affected: number }>;
  /** Lifts network isolation. */
  connectAgents(params: AgentIdsParams): Promise<{ affected: number }>;
}

export function createAgentsApi({ transport }: { transport: Transport }): AgentsApi {
  const fetchAgents = async (filter: z.output<typeof AgentFilter>) => {
    const { signal, ...query } = filter;
    const { value } = await transport.request({
      method: 'GET',
      path: '/agents',
      query,
      schema: AgentList,
      signal,
    });
    return toListPage(value);
  };

  const action = async (name: 'connect' | 'disconnect', params: AgentIdsParams) => {
    const { ids, signal } = parseInput(`${name}Agents`, AgentIds, params);
    const { value } = await transport.request({
      method: 'POST',
      path: `/agents/actions/${name}`,
      body: { filter: { ids } },
      schema: AffectedBody,
      signal,
    });
    return { affected: value.data.affected };
  };

  return {
    listAgents: async (filter = {}) => fetchAgents(parseInput('listAgents', AgentFilter, filter)),

    iterateAgents: (filter = {}) =>
      iteratePages({
        params: parseInput('iterateAgents', AgentFilter, filter),
        fetchPage: fetchAgents,
        path: `${API_PREFIX}/agents`,
      }),

    getAgent: (params) =>
      getById({
        transport,
        operation: 'getAgent',
        path: '/agents',
        schema: AgentList,
        noun: 'agent',
        params,
      }),

    disconnectAgents: (params) => action('disconnect', params),
    connectAgents: (params) => action('connect', params),
  };
}
