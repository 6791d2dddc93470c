import { Hono } from 'hono';
import { z } from 'zod';
import { type ACTIVITY_SORTS, listActivities } from '../../store/activities/activity-log.ts';
import {
  type EventTypeMatch,
  matchEventType,
} from '../../store/deep-visibility/event-type-match.ts';
import type { ThreatRow } from '../../store/render/render-threat.ts';
import {
  listStorylineEvents,
  STORYLINE_EVENT_SORTS,
} from '../../store/threats/storyline-events.ts';
import { listThreatNotes, NOTE_SORTS } from '../../store/threats/threat-notes.ts';
import { findThreat, listThreats, THREAT_SORTS } from '../../store/threats/threat-queries.ts';
import { listEnvelope, pagingFields, resolvePaging } from '../paging.ts';
import { intList, textList } from '../query-values.ts';
import { parseQuery } from '../request-input.ts';
import { notFoundError } from '../sim-api-error.ts';
import type { SimDeps, SimEnv } from '../sim-env.ts';
import { threatFilterFields, toThreatFilter } from './threat-filter-fields.ts';

function sortKeys<Sorts extends Record<string, unknown>>(sorts: Sorts) {
  return Object.keys(sorts) as [Extract<keyof Sorts, string>, ...Extract<keyof Sorts, string>[]];
}

const ThreatListQuery = z.object({
  ...threatFilterFields,
  ...pagingFields({ sorts: sortKeys(THREAT_SORTS) }),
});

const NotesQuery = z.object(pagingFields({ sorts: sortKeys(NOTE_SORTS) }));

const TimelineQuery = z.object({
  activityTypes: intList('activityTypes').optional(),
  ...pagingFields({ sorts: ['createdAt', 'activityType'] as const }),
});

const ExploreQuery = z.object({
  eventTypes: textList('eventTypes')
    .transform((names, ctx) => {
      const matches: EventTypeMatch[] = [];
      for (const name of names) {
        const match = matchEventType(name);
        if (match === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `eventTypes has an unknown event type "${name}"`,
          });
          return z.NEVER;
        }
        matches.push(match);
      }
      return matches;
    })
    .optional(),
  ...pagingFields({ sorts: sortKeys(STORYLINE_EVENT_SORTS) }),
});

/** `GET /threats` and the per-threat reads: notes, timeline, storyline events. */
export function threatRoutes({ store, codec }: SimDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  const threatOr404 = (id: string): ThreatRow => {
    const threat = findThreat(store, id);
    if (threat === undefined) {
      throw notFoundError(`Threat ${id} not found`);
    }
    return threat;
  };

  app.get('/threats', (c) => {
    const params = parseQuery(c, ThreatListQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const page = listThreats(store, {
      filter: toThreatFilter(params),
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  app.get('/threats/:id/notes', (c) => {
    const threat = threatOr404(c.req.param('id'));
    const params = parseQuery(c, NotesQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const page = listThreatNotes(store, {
      threatId: threat.id,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  app.get('/threats/:id/timeline', (c) => {
    const threat = threatOr404(c.req.param('id'));
    const params = parseQuery(c, TimelineQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const sortBy: keyof typeof ACTIVITY_SORTS = params.sortBy ?? 'createdAt';
    const page = listActivities(store, {
      filter: { threatIds: [threat.id], activityTypes: params.activityTypes },
      sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  app.get('/threats/:id/explore/events', (c) => {
    const threat = threatOr404(c.req.param('id'));
    const params = parseQuery(c, ExploreQuery);
    const paging = resolvePaging({ codec, path: c.req.path, params });
    const page = listStorylineEvents(store, {
      threat,
      eventTypes: params.eventTypes,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
      page: paging.request,
    });
    return c.json(listEnvelope({ page, paging, codec }));
  });

  return app;
}
