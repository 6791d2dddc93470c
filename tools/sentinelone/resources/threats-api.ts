import { z } from 'zod';
import { Activity, type ThreatTimelineItem } from '../schemas/activity.ts';
import { NumericId } from '../schemas/common.ts';
import { DvEvent } from '../schemas/dv-event.ts';
import {
  Affected,
  dataEnvelope,
  type ListPage,
  listEnvelope,
  toListPage,
} from '../schemas/envelope.ts';
import { AnalystVerdict, IncidentStatus, MitigationAction, Threat } from '../schemas/threat.ts';
import { ThreatNote } from '../schemas/threat-note.ts';
import { parseInput } from '../sentinelone-input-error.ts';
import { API_PREFIX, type Transport } from '../transport/transport.ts';
import { getById } from './get-by-id.ts';
import { iteratePages } from './iterate-pages.ts';
import { IdList, nonEmptyList, paging, Signal, timeRange } from './params.ts';

export const ThreatSortBy = z.enum([
  'id',
  'createdAt',
  'updatedAt',
  'mitigationStatus',
  'fileDisplayName',
  'agentComputerName',
  'filePath',
  'contentHash',
  'classification',
  'siteName',
]);

export const ThreatFilter = z.strictObject({
  ids: IdList.optional(),
  ...timeRange('createdAt'),
  ...timeRange('updatedAt'),
  classifications: nonEmptyList(z.string().min(1)).optional(),
  incidentStatuses: nonEmptyList(IncidentStatus).optional(),
  analystVerdicts: nonEmptyList(AnalystVerdict).optional(),
  agentIds: IdList.optional(),
  storylines: nonEmptyList(z.string().min(1)).optional(),
  sortBy: ThreatSortBy.optional(),
  ...paging,
  signal: Signal.optional(),
});
export type ThreatFilter = z.input<typeof ThreatFilter>;

export const ThreatNotesParams = z.strictObject({
  threatId: NumericId,
  sortBy: z.enum(['createdAt', 'updatedAt']).optional(),
  ...paging,
  signal: Signal.optional(),
});
export type ThreatNotesParams = z.input<typeof ThreatNotesParams>;

export const ThreatTimelineParams = z.strictObject({
  threatId: NumericId,
  activityTypes: nonEmptyList(z.number().int().nonnegative()).optional(),
  sortBy: z
    .enum(['createdAt', 'activityType', 'primaryDescription', 'secondaryDescription', 'hash'])
    .optional(),
  ...paging,
  signal: Signal.optional(),
});
export type ThreatTimelineParams = z.input<typeof ThreatTimelineParams>;

export const ThreatEventsParams = z.strictObject({
  threatId: NumericId,
  eventTypes: nonEmptyList(z.string().min(1)).optional(),
  ...paging,
  signal: Signal.optional(),
});
export type ThreatEventsParams = z.input<typeof ThreatEventsParams>;

const ThreatIds = IdList;

// Notes end up in a console text field; the console's own limit is not documented.
const NoteText = z.string().trim().min(1, 'must not be empty');

const AddNoteParams = z.strictObject({
  threatIds: ThreatIds,
  text: NoteText,
  signal: Signal.optional(),
});
const VerdictParams = z.strictObject({
  threatIds: ThreatIds,
  verdict: AnalystVerdict,
  signal: Signal.optional(),
});
const StatusParams = z.strictObject({
  threatIds: ThreatIds,
  status: IncidentStatus,
  signal: Signal.optional(),
});
const MitigateParams = z.strictObject({
  action: MitigationAction,
  threatIds: ThreatIds,
  signal: Signal.optional(),
});

export type AddThreatNoteParams = z.input<typeof AddNoteParams>;
export type SetAnalystVerdictParams = z.input<typeof VerdictParams>;
export type SetIncidentStatusParams = z.input<typeof StatusParams>;
export type MitigateThreatsParams = z.input<typeof MitigateParams>;

const ThreatList = listEnvelope(Threat);
const NoteList = listEnvelope(ThreatNote);
const TimelineList = listEnvelope(Activity);
const EventList = listEnvelope(DvEvent);
const AffectedBody = dataEnvelope(Affected);

export interface ThreatsApi {
  /** One page of `GET /threats`. */
  listThreats(filter?: ThreatFilter): Promise<ListPage<Threat>>;
  /** Every page of `GET /threats`, following the cursor. */
  iterateThreats(filter?: ThreatFilter): AsyncGenerator<ListPage<Threat>, void, undefined>;
  /** One threat by id; a `not_found` error when the console has none. */
  getThreat(params: { id: string; signal?: AbortSignal }): Promise<Threat>;
  listThreatNotes(params: ThreatNotesParams): Promise<ListPage<ThreatNote>>;
  iterateThreatNotes(
    params: ThreatNotesParams,
  ): AsyncGenerator<ListPage<ThreatNote>, void, undefined>;
  addThreatNote(params: AddThreatNoteParams): Promise<{ affected: number }>;
  setAnalystVerdict(params: SetAnalystVerdictParams): Promise<{ affected: number }>;
  setIncidentStatus(params: SetIncidentStatusParams): Promise<{ affected: number }>;
  mitigateThreats(params: MitigateThreatsParams): Promise<{ affected: number }>;
  getThreatTimeline(params: ThreatTimelineParams): Promise<ListPage<ThreatTimelineItem>>;
  iterateThreatTimeline(
    params: ThreatTimelineParams,
  ): AsyncGenerator<ListPage<ThreatTimelineItem>, void, undefined>;
  /** One page of the Deep Visibility events of the threat's storyline. */
  listThreatEvents(params: ThreatEventsParams): Promise<ListPage<DvEvent>>;
  iterateThreatEvents(
    params: ThreatEventsParams,
  ): AsyncGenerator<ListPage<DvEvent>, void, undefined>;
}

export function createThreatsApi({ transport }: { transport: Transport }): ThreatsApi {
  const write = async (
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<{ affected: number }> => {
    const { value } = await transport.request({
      method: 'POST',
      path,
      body,
      schema: AffectedBody,
      signal,
    });
    return { affected: value.data.affected };
  };

  const fetchThreats = async (filter: z.output<typeof ThreatFilter>) => {
    const { signal, ...query } = filter;
    const { value } = await transport.request({
      method: 'GET',
      path: '/threats',
      query,
      schema: ThreatList,
      signal,
    });
    return toListPage(value);
  };

  const fetchNotes = async (params: z.output<typeof ThreatNotesParams>) => {
    const { signal, threatId, ...query } = params;
    const { value } = await transport.request({
      method: 'GET',
      path: `/threats/${threatId}/notes`,
      query,
      schema: NoteList,
      signal,
    });
    return toListPage(value);
  };

  const fetchTimeline = async (params: z.output<typeof ThreatTimelineParams>) => {
    const { signal, threatId, ...query } = params;
    const { value } = await transport.request({
      method: 'GET',
      path: `/threats/${threatId}/timeline`,
      query,
      schema: TimelineList,
      signal,
    });
    return toListPage(value);
  };

  const fetchEvents = async (params: z.output<typeof ThreatEventsParams>) => {
    const { signal, threatId, ...query } = params;
    const { value } = await transport.request({
      method: 'GET',
      path: `/threats/${threatId}/explore/events`,
      query,
      schema: EventList,
      signal,
    });
    return toListPage(value);
  };

  return {
    listThreats: async (filter = {}) =>
      fetchThreats(parseInput('listThreats', ThreatFilter, filter)),

    iterateThreats: (filter = {}) =>
      iteratePages({
        params: parseInput('iterateThreats', ThreatFilter, filter),
        fetchPage: fetchThreats,
        path: `${API_PREFIX}/threats`,
      }),

    getThreat: (params) =>
      getById({
        transport,
        operation: 'getThreat',
        path: '/threats',
        schema: ThreatList,
        noun: 'threat',
        params,
      }),

    listThreatNotes: async (params) =>
      fetchNotes(parseInput('listThreatNotes', ThreatNotesParams, params)),

    iterateThreatNotes: (params) => {
      const parsed = parseInput('iterateThreatNotes', ThreatNotesParams, params);
      return iteratePages({
        params: parsed,
        fetchPage: fetchNotes,
        path: `${API_PREFIX}/threats/${parsed.threatId}/notes`,
      });
    },

    addThreatNote: async (params) => {
      const { threatIds, text, signal } = parseInput('addThreatNote', AddNoteParams, params);
      return write('/threats/notes', { filter: { ids: threatIds }, data: { text } }, signal);
    },

    setAnalystVerdict: async (params) => {
      const { threatIds, verdict, signal } = parseInput('setAnalystVerdict', VerdictParams, params);
      return write(
        '/threats/analyst-verdict',
        { filter: { ids: threatIds }, data: { analystVerdict: verdict } },
        signal,
      );
    },

    setIncidentStatus: async (params) => {
      const { threatIds, status, signal } = parseInput('setIncidentStatus', StatusParams, params);
      return write(
        '/threats/incident',
        { filter: { ids: threatIds }, data: { incidentStatus: status } },
        signal,
      );
    },

    mitigateThreats: async (params) => {
      const { action, threatIds, signal } = parseInput('mitigateThreats', MitigateParams, params);
      return write(`/threats/mitigate/${action}`, { filter: { ids: threatIds } }, signal);
    },

    getThreatTimeline: async (params) =>
      fetchTimeline(parseInput('getThreatTimeline', ThreatTimelineParams, params)),

    iterateThreatTimeline: (params) => {
      const parsed = parseInput('iterateThreatTimeline', ThreatTimelineParams, params);
      return iteratePages({
        params: parsed,
        fetchPage: fetchTimeline,
        path: `${API_PREFIX}/threats/${parsed.threatId}/timeline`,
      });
    },

    listThreatEvents: async (params) =>
      fetchEvents(parseInput('listThreatEvents', ThreatEventsParams, params)),

    iterateThreatEvents: (params) => {
      const parsed = parseInput('iterateThreatEvents', ThreatEventsParams, params);
      return iteratePages({
        params: parsed,
        fetchPage: fetchEvents,
        path: `${API_PREFIX}/threats/${parsed.threatId}/explore/events`,
      });
    },
  };
}
