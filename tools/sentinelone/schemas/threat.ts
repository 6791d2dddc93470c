import { z } from 'zod';
import { ApiTimestamp, NumericId, nullable } from './common.ts';

export const AnalystVerdict = z.enum([
  'true_positive',
  'suspicious',
  'false_positive',
  'undefined',
]);
export type AnalystVerdict = z.infer<typeof AnalystVerdict>;

export const IncidentStatus = z.enum(['unresolved', 'in_progress', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const ConfidenceLevel = z.enum(['malicious', 'suspicious', 'n/a']);
export type ConfidenceLevel = z.infer<typeof ConfidenceLevel>;

/** `POST /threats/mitigate/{action}`: the documented actions plus the swagger extras. */
export const MitigationAction = z.enum([
  'kill',
  'quarantine',
  'un-quarantine',
  'remediate',
  'rollback-remediation',
  'network-quarantine',
  'remove_macros',
  'restore_macros',
]);
export type MitigationAction = z.infer<typeof MitigationAction>;

export const ThreatInfo = z.looseObject({
  classification: z.string(),
  confidenceLevel: ConfidenceLevel,
  analystVerdict: AnalystVerdict,
  incidentStatus: IncidentStatus,
  storyline: nullable(z.string()),
  createdAt: ApiTimestamp,
  sha1: nullable(z.string()),
  // Fileless detections have no file.
  filePath: nullable(z.string()),
  threatName: z.string(),
  originatorProcess: nullable(z.string()),
});
export type ThreatInfo = z.infer<typeof ThreatInfo>;

/** `agentRealtimeInfo` is the endpoint as it is now; the computer name lives only here. */
export const AgentRealtimeInfo = z.looseObject({
  agentId: NumericId,
  agentComputerName: z.string(),
});
export type AgentRealtimeInfo = z.infer<typeof AgentRealtimeInfo>;

/** A threat as `GET /threats` returns it (API 2.1 shape). */
export const Threat = z.looseObject({
  id: NumericId,
  threatInfo: ThreatInfo,
  agentRealtimeInfo: AgentRealtimeInfo,
});
export type Threat = z.infer<typeof Threat>;
