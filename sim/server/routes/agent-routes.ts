import { Hono } from 'hono';
import { z } from 'zod';
import { applyNetworkAction } from '../../store/agents/agent-actions.ts';
import { AGENT_SORTS, type AgentFilter, listAgents } from '../../store/agents/agent-queries.ts';
import { listEnvelope, pagingFields, resolvePaging } from '../paging.ts';
import { enumList, idList, textList } from '../query-values.ts';
import { parseQuery, readJsonBody } from '../request-input.ts';
import type { SimDeps, SimEnv } from '../sim-env.ts';

const NETWORK_STATUSES = ['connected', 'connecting', 'disconnected', 'disconnecting'] as const;
const OS_TYPES = ['windows', 'linux', 'macos', 'windows_legacy'] as const;
const MACHINE_TYPES = ['desktop', 'laptop', 'server', 'kubernetes node', 'unknown'] as const;

const agentFilterFields = {
  ids: idList('ids').optional(),
  idsNin: idList('idsNin').optional(),
  uuid: textList('uuid').optional(),
  uuids: textList('uuids').optional(),
  computerName: textList('computerName').optional(),
  computerName__contains: textList('computerName__contains').optional(),
  networkStatuses: enumList('networkStatuses', NETWORK_STATUSES).optional(),
  networkStatusesNin: enumList('networkStatusesNin', NETWORK_STATUSES).optional(),
  osTypes: enumList('osTypes', OS_TYPES).optional(),
  osTypesNin: enumList('osTypesNin', OS_TYPES).optional(),
  machineTypes: enumList('machineTypes', MACHINE_TYPES).optional(),
  machineTypesNin: enumList('machineTypesNin', MACHINE_TYPES).optional(),
};
/** Keys that name agents; the `...Nin` exclusions alone would select every other agent. */
const SELECTING_KEYS = Object.keys(agentFilterFields).filter((key) => !key.endsWith('Nin'));

type AgentFilterValues = z.infer<z.ZodObject<typeof agentFilterFields>>;

function toAgentFilter(values: AgentFilterValues): AgentFilter {
  const uuids =
    values.uuid === undefined && values.uuids === undefined
      ? undefined
      : [...(values.uuid ?? []), ...(values.uuids ?? [])];
  return {
    ids: values.ids,
    idsNin: values.idsNin,
    uuids,
    computerName: values.computerName,
    computerNameContains: values.computerName__contains,
    networkStatuses: values.networkStatuses,
    networkStatusesNin: values.networkStatusesNin,
    osTypes: values.osTypes,
    osTypesNin: values.osTypesNin,
    machineTypes: values.machineTypes,
    machineTypesNin: values.machineTypesNin,
  };
}

const AgentListQuery = z.object({
  ...agentFilterFields,
  ...pagingFields({ sorts: Object.keys(AGENT_SORTS) as [keyof typeof AGENT_SORTS] }),
});

/**
 * Like threat actions, an agent action must name its agents, not only exclude some; scope
 * keys are ignored.
 */
const AgentActionBody = z.looseObject({
  filter: z
    .looseObject(agentFilterFields)
    .refine(
      (filter) => SELECTING_KEYS.some((key) => filter[key as keyof typeof filter] !== undefined),
      {
        message:
          `filter must name the agents to act on, with one of: ${SELECTING_KEYS.join(', ')}; ` +
          'exclusions such as idsNin only narrow that selection',
      },
    )
    .transform(toAgentFilter),
  data: z.looseObject({}).nullish(),
});

/** `GET /agents` and the network actions `disconnect` and `connect`. */
export function agentRoutes({ store, codec, timing, realism }: SimDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.get('/agents', (c) => {
    const params = parseQuery(c, AgentListQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const page = listAgents(store, {
      filter: toAgentFilter(params),
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  for (const action of ['disconnect', 'connect'] as const) {
    app.post(`/agents/actions/${action}`, async (c) => {
      const body = await readJsonBody(c, AgentActionBody);
      const affected = applyNetworkAction(store, {
        filter: body.filter,
        action,
        user: c.get('user'),
        delayMs: timing.networkChangeMs,
        apply: !realism.ignoreAgentActions,
      });
      return c.json({ data: { affected } });
    });
  }

  return app;
}
