import { and, desc, eq, inArray, sql } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { type AuditEntryRow, auditEntries } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { canonicalHash, canonicalJson } from '../canonical-json.ts';
import type { StoreHandle } from '../store-handle.ts';
import { AuditEntry, type AuditKind, GENESIS_HASH } from './audit-entry.ts';
import { auditEntryHash } from './audit-entry-hash.ts';
import type { SecretRedactor } from './secret-redactor.ts';

export interface AuditRecord {
  tenantId: string;
  kind: AuditKind;
  caseId?: string | null;
  runId?: string | null;
  step?: number | null;
  actor?: string | null;
  payload: Record<string, unknown>;
}

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export interface ModelCallRecord {
  tenantId: string;
  caseId?: string | null;
  runId?: string | null;
  step?: number | null;
  agentId: string;
  /** `offline`, `openai:gpt-5-mini`… */
  modelId: string;
  /** The prompt as sent (messages, tools); only its hash is kept. */
  prompt: unknown;
  usage: TokenUsage;
  durationMs?: number;
  finishReason?: string;
}

export interface AuditTrail {
  /**
   * Appends one entry to the tenant's chain. With `store` (an open transaction) the
   * entry commits with the caller's other writes; otherwise in its own transaction.
   */
  append(record: AuditRecord, options?: { store?: StoreHandle }): AuditEntry;
  /** Records a model call: model id, prompt hash and token usage, never the prompt. */
  recordModelCall(call: ModelCallRecord): AuditEntry;
}

/**
 * The writer of the audit trail. Payloads pass the redactor before they are
 * serialised, so a secret never reaches the table (and so never the hash chain,
 * which could not be cleaned afterwards without breaking it).
 */
export function createAuditTrail({
  db,
  clock,
  redactor,
}: {
  db: CasebookDb;
  clock: Clock;
  redactor: SecretRedactor;
}): AuditTrail {
  // The hot path (an append in its own transaction) runs prepared statements; building
  // the queries anew costs more than the insert itself.
  const lastOf = db
    .select({ seq: auditEntries.seq, hash: auditEntries.hash })
    .from(auditEntries)
    .where(eq(auditEntries.tenantId, sql.placeholder('tenantId')))
    .orderBy(desc(auditEntries.seq))
    .limit(1)
    .prepare();
  const insert = db
    .insert(auditEntries)
    .values({
      tenantId: sql.placeholder('tenantId'),
      seq: sql.placeholder('seq'),
      at: sql.placeholder('at'),
      kind: sql.placeholder('kind'),
      caseId: sql.placeholder('caseId'),
      runId: sql.placeholder('runId'),
      step: sql.placeholder('step'),
      actor: sql.placeholder('actor'),
      payloadJson: sql.placeholder('payloadJson'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .prepare();

  const build = (
    record: AuditRecord,
    last: { seq: number; hash: string } | undefined,
  ): AuditEntryRow => {
    // A JSON round trip first: dates become text and undefined disappears, as they
    // would anyway, instead of failing the canonical serialisation mid-call.
    const plain = JSON.parse(JSON.stringify(redactor.redact(record.payload))) as Record<
      string,
      unknown
    >;
    const columns = {
      tenantId: record.tenantId,
      seq: (last?.seq ?? 0) + 1,
      at: clock.now(),
      kind: record.kind,
      caseId: record.caseId ?? null,
      runId: record.runId ?? null,
      step: record.step ?? null,
      actor:
        record.actor === undefined || record.actor === null
          ? null
          : redactor.redactText(record.actor),
      payloadJson: canonicalJson(plain),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    return { ...columns, hash: auditEntryHash(columns) };
  };

  const entryOf = (row: AuditEntryRow): AuditEntry => {
    const { payloadJson, ...columns } = row;
    return { ...columns, kind: row.kind as AuditKind, payload: JSON.parse(payloadJson) };
  };

  const append: AuditTrail['append'] = (record, options) => {
    const store = options?.store;
    if (store !== undefined) {
      const last = store
        .select({ seq: auditEntries.seq, hash: auditEntries.hash })
        .from(auditEntries)
        .where(eq(auditEntries.tenantId, record.tenantId))
        .orderBy(desc(auditEntries.seq))
        .limit(1)
        .get();
      const row = build(record, last);
      store.insert(auditEntries).values(row).run();
      return entryOf(row);
    }

    return db.transaction(
      () => {
        const row = build(record, lastOf.get({ tenantId: record.tenantId }));
        insert.run(row);
        return entryOf(row);
      },
      { behavior: 'immediate' },
    );
  };

  return {
    append,
    recordModelCall: (call) =>
      append({
        tenantId: call.tenantId,
        kind: 'model.call',
        caseId: call.caseId,
        runId: call.runId,
        step: call.step,
        actor: call.agentId,
        payload: {
          modelId: call.modelId,
          promptHash: canonicalHash(JSON.parse(JSON.stringify(call.prompt ?? null))),
          usage: call.usage,
          durationMs: call.durationMs,
          finishReason: call.finishReason,
        },
      }),
  };
}

export function toAuditEntry(row: AuditEntryRow): AuditEntry {
  const { payloadJson, ...columns } = row;
  return AuditEntry.parse({ ...columns, payload: JSON.parse(payloadJson) });
}

/** A tenant's entries in chain order, optionally for one case, run or kind. */
export function listAuditEntries({
  db,
  tenantId,
  caseId,
  runId,
  kinds,
}: {
  db: CasebookDb;
  tenantId: string;
  caseId?: string;
  runId?: string;
  kinds?: readonly AuditKind[];
}): AuditEntry[] {
  const filters = [
    eq(auditEntries.tenantId, tenantId),
    caseId === undefined ? undefined : eq(auditEntries.caseId, caseId),
    runId === undefined ? undefined : eq(auditEntries.runId, runId),
    kinds === undefined ? undefined : inArray(auditEntries.kind, [...kinds]),
  ];

  return db
    .select()
    .from(auditEntries)
    .where(and(...filters))
    .orderBy(auditEntries.seq)
    .all()
    .map(toAuditEntry);
}
