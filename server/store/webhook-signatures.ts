import { lt } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { webhookSignatures } from '../../db/schema.ts';
import { ApiError } from '../http/api-error.ts';

/**
 * Records an accepted signature, refusing one seen before: a verified delivery sent a
 * second time is a replay. Signatures older than twice the freshness window are pruned
 * first; their timestamps would be refused as stale anyway.
 */
export function recordWebhookSignature(
  db: CasebookDb,
  {
    tenantId,
    signature,
    now,
    maxAgeMs,
  }: { tenantId: string; signature: string; now: number; maxAgeMs: number },
): void {
  db.transaction(
    (tx) => {
      tx.delete(webhookSignatures)
        .where(lt(webhookSignatures.seenAt, now - 2 * maxAgeMs))
        .run();
      const inserted = tx
        .insert(webhookSignatures)
        .values({ signature, tenantId, seenAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) {
        throw new ApiError({
          code: 'WEBHOOK_REPLAYED',
          message:
            'this signed delivery was received before; a sender retrying must sign again ' +
            'with a new timestamp',
        });
      }
    },
    { behavior: 'immediate' },
  );
}
