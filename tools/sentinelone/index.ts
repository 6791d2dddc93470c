/** The public face of the SentinelOne client; the rest of casebook imports from here. */

export type { ActivityFilter } from './resources/activities-api.ts';
export type { AgentFilter, AgentIdsParams } from './resources/agents-api.ts';
export type {
  DvEventsByTypeParams,
  DvEventsParams,
  DvInitQueryParams,
  DvQueryRef,
} from './resources/deep-visibility-api.ts';
export { collectItems } from './resources/iterate-pages.ts';
export type { DvEventsPage, RunDvQueryParams } from './resources/run-dv-query.ts';
export type {
  AddThreatNoteParams,
  MitigateThreatsParams,
  SetAnalystVerdictParams,
  SetIncidentStatusParams,
  ThreatEventsParams,
  ThreatFilter,
  ThreatNotesParams,
  ThreatTimelineParams,
} from './resources/threats-api.ts';
export { Activity, ThreatTimelineItem } from './schemas/activity.ts';
export { Agent, NetworkStatus, OsType } from './schemas/agent.ts';
export { DvEvent } from './schemas/dv-event.ts';
export { DvQueryStatus, dvQueryPhase } from './schemas/dv-query-status.ts';
export type { ListPage } from './schemas/envelope.ts';
export { SystemStatus } from './schemas/system-status.ts';
export {
  AgentRealtimeInfo,
  AnalystVerdict,
  ConfidenceLevel,
  IncidentStatus,
  MitigationAction,
  Threat,
  ThreatInfo,
} from './schemas/threat.ts';
export { ThreatNote } from './schemas/threat-note.ts';
export {
  faultFor,
  isSentinelOneApiError,
  SentinelOneApiError,
  type SentinelOneErrorKind,
} from './sentinelone-api-error.ts';
export {
  createSentinelOneClient,
  type SentinelOneClient,
  type SentinelOneClientOptions,
} from './sentinelone-client.ts';
export { type InputProblem, SentinelOneInputError } from './sentinelone-input-error.ts';
export type { FetchLike } from './transport/transport.ts';
