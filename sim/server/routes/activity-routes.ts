import { Hono } from 'hono';
import { z } from 'zod';
import { ACTIVITY_SORTS, listActivities } from '../../store/activities/activity-log.ts';
import { ACTIVITY_TYPES } from '../../store/activities/activity-types.ts';
import { listEnvelope, pagingFields, resolvePaging } from '../paging.ts';
import { idList, intList, textList, timeRangeFields, timeRangeOf } from '../query-values.ts';
import { parseQuery } from '../request-input.ts';
import type { SimDeps, SimEnv } from '../sim-env.ts';

const ActivityListQuery = z.object({
  ids: idList('ids').optional(),
  threatIds: idList('threatIds').optional(),
  agentIds: idList('agentIds').optional(),
  userIds: idList('userIds').optional(),
  userEmails: textList('userEmails').optional(),
  activityTypes: intList('activityTypes').optional(),
  ...timeRangeFields('createdAt'),
  ...pagingFields({ sorts: Object.keys(ACTIVITY_SORTS) as [keyof typeof ACTIVITY_SORTS] }),
});

/** The audit log, and the catalogue of the activity types it uses. */
export function activityRoutes({ store, codec }: SimDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.get('/activities', (c) => {
    const params = parseQuery(c, ActivityListQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const page = listActivities(store, {
      filter: {
        ids: params.ids,
        threatIds: params.threatIds,
        agentIds: params.agentIds,
        userIds: params.userIds,
        userEmails: params.userEmails,
        activityTypes: params.activityTypes,
        createdAt: timeRangeOf(params, 'createdAt'),
      },
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  app.get('/activities/types', (c) =>
    c.json({
      data: Object.values(ACTIVITY_TYPES).map((type) => ({
        id: type.id,
        action: type.action,
        descriptionTemplate: type.action,
      })),
    }),
  );

  return app;
}
