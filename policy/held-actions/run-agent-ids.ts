import { and, eq, inArray, isNotNull } from 'drizzle-orm';

import { auditEntries } from '../../db/schema.ts';
import { canonicalPrincipalId } from '../identity/canonical-principal-id.ts';
import type { StoreHandle } from '../store-handle.ts';

/**
 * The agents that acted in a run, as its audit entries name them: a supervisor and its
 * specialists share a run, and any of them may have steered the one that asked for an
 * action, so none of them may decide on it. The actor of these kinds is always an
 * agent id (the gate and the model wrapper write them), never a person.
 */
export function runAgentIds(
  store: StoreHandle,
  { tenantId, runId }: { tenantId: string; runId: string },
): ReadonlySet<string> {
  const rows = store
    .select({ actor: auditEntries.actor })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.tenantId, tenantId),
        eq(auditEntries.runId, runId),
        inArray(auditEntries.kind, ['model.call', 'tool.call', 'action.held']),
        isNotNull(auditEntries.actor),
      ),
    )
    .all();

  return new Set(
    rows.flatMap((row) => (row.actor === null ? [] : [canonicalPrincipalId(row.actor)])),
  );
}
