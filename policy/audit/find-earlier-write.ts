import { and, eq, inArray, sql } from 'drizzle-orm';

import { auditEntries } from '../../db/schema.ts';
import type { StoreHandle } from '../store-handle.ts';

/**
 * The step at which this run already wrote exactly this (same tool, same argument
 * hash), if it did: an allowed call whose execution succeeded, or one still in flight
 * (allowed, no outcome yet, perhaps cut short by a crash). A failed attempt does not
 * count, so a retry after a console error is still possible.
 */
export function findEarlierWrite(
  store: StoreHandle,
  key: { tenantId: string; runId: string; tool: string; argsHash: string },
): number | undefined {
  const field = (name: string) =>
    sql<string | null>`json_extract(${auditEntries.payloadJson}, ${`$.${name}`})`;
  const rows = store
    .select({ kind: auditEntries.kind, step: auditEntries.step, status: field('status') })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.tenantId, key.tenantId),
        eq(auditEntries.runId, key.runId),
        inArray(auditEntries.kind, ['tool.call', 'action.executed']),
        sql`${field('tool')} = ${key.tool}`,
        sql`${field('argsHash')} = ${key.argsHash}`,
        sql`${field('heldActionId')} is null`,
      ),
    )
    .all();

  const allowed = rows.filter((row) => row.kind === 'tool.call' && row.status === 'allowed');
  const outcome = (step: number | null) =>
    rows.find((row) => row.kind === 'action.executed' && row.step === step)?.status;

  return allowed.find((row) => outcome(row.step) !== 'failed')?.step ?? undefined;
}
