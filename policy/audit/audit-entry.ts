import { z } from 'zod';

/**
 * What an audit entry records:
 * - `model.call`: a model was asked (model id, prompt hash, token usage; never the prompt);
 * - `tool.call`: a tool was called, with its arguments, decision and result digest;
 * - `action.held`: a write was stored for approval;
 * - `approval.recorded`, `approval.refused`: a person approved, or was not allowed to;
 * - `action.denied`, `action.edited`, `action.expired`: what became of a held action;
 * - `action.executed`, `action.verified`: a write ran, and whether its effect was seen;
 * - `principal.granted`: someone was given a role (and so may, or may no longer, approve);
 * - `case.status_changed`: a person resolved, reopened or handed a case to IT;
 * - `case.note_received`: a note written in the ITSM was copied onto the case;
 * - `case.note_added`: an analyst wrote a case note in casebook.
 */
export const AuditKind = z.enum([
  'model.call',
  'tool.call',
  'action.held',
  'approval.recorded',
  'approval.refused',
  'action.denied',
  'action.edited',
  'action.expired',
  'action.executed',
  'action.verified',
  'principal.granted',
  'case.status_changed',
  'case.note_received',
  'case.note_added',
]);
export type AuditKind = z.infer<typeof AuditKind>;

export const AUDIT_HASH_VERSION = 1;

/** 64 zeros: the `prevHash` of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const AuditEntry = z.strictObject({
  tenantId: z.string().min(1),
  seq: z.number().int().positive(),
  /** Epoch milliseconds, from the injected clock. */
  at: z.number().int(),
  kind: AuditKind,
  caseId: z.string().nullable(),
  runId: z.string().nullable(),
  step: z.number().int().nonnegative().nullable(),
  actor: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `acme#42`: how errors and the CLI name an entry. */
export function auditEntryName(entry: { tenantId: string; seq: number }): string {
  return `${entry.tenantId}#${entry.seq}`;
}
