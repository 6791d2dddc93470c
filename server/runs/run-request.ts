import { z } from 'zod';

import type { RunRequestRow } from '../../db/schema.ts';

export const RunStatus = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunTrigger = z.enum(['api', 'webhook', 'poller']);
export type RunTrigger = z.infer<typeof RunTrigger>;

/** Why a run ended without a first look: the run's own reason, or the queue's. */
export const RunFailureView = z.strictObject({
  stage: z.string(),
  code: z.string(),
  fault: z.enum(['user', 'config', 'upstream', 'system']),
  message: z.string(),
  agentId: z.string().optional(),
  tool: z.string().optional(),
});
export type RunFailureView = z.infer<typeof RunFailureView>;

/** A run request as the queue keeps it. */
export interface RunRequest {
  id: string;
  tenantId: string;
  caseId: string;
  trigger: RunTrigger;
  status: RunStatus;
  requestedBy: string;
  report: boolean;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  failure: RunFailureView | null;
}

export function toRunRequest(row: RunRequestRow): RunRequest {
  return {
    id: row.id,
    tenantId: row.tenantId,
    caseId: row.caseId,
    trigger: RunTrigger.parse(row.trigger),
    status: RunStatus.parse(row.status),
    requestedBy: row.requestedBy,
    report: row.report,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    failure: row.failureJson === null ? null : RunFailureView.parse(JSON.parse(row.failureJson)),
  };
}
