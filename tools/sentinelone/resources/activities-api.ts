import { z } from 'zod';
import { Activity } from '../schemas/activity.ts';
import { type ListPage, listEnvelope, toListPage } from '../schemas/envelope.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import { API_PREFIX, type Transport } from '../transport/transport.ts';
import { iteratePages } from './iterate-pages.ts';
import { IdList, nonEmptyList, paging, Signal, timeRange } from './params.ts';

export const ActivityFilter = z.strictObject({
  threatIds: IdList.optional(),
  agentIds: IdList.optional(),
  activityTypes: nonEmptyList(z.number().int().nonnegative()).optional(),
  ...timeRange('createdAt'),
  sortBy: z.enum(['id', 'activityType', 'createdAt']).optional(),
  ...paging,
  signal: Signal.optional(),
});
export type ActivityFilter = z.input<typeof ActivityFilter>;

const ActivityList = listEnvelope(Activity);

export interface ActivitiesApi {
  listActivities(filter?: ActivityFilter): Promise<ListPage<Activity>>;
  iterateActivities(filter?: ActivityFilter): AsyncGenerator<ListPage<Activity>, void, undefined>;
}

export function createActivitiesApi({ transport }: { transport: Transport }): ActivitiesApi {
  const fetchActivities = async (filter: z.output<typeof ActivityFilter>) => {
    const { signal, ...query } = filter;
    const { value } = await transport.request({
      method: 'GET',
      path: '/activities',
      query,
      schema: ActivityList,
      signal,
    });
    return toListPage(value);
  };

  return {
    listActivities: async (filter = {}) =>
      fetchActivities(parseInput('listActivities', ActivityFilter, filter)),

    iterateActivities: (filter = {}) =>
      iteratePages({
        params: parseInput('iterateActivities', ActivityFilter, filter),
        fetchPage: fetchActivities,
        path: `${API_PREFIX}/activities`,
      }),
  };
}
