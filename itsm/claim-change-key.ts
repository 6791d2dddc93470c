import { and, eq } from 'drizzle-orm';

import { caseChangeKeys } from '../db/schema.ts';
import type { StoreHandle } from '../policy/store-handle.ts';
import { CaseChangeRefused } from './case-change-refused.ts';

export type ChangeKind = 'status' | 'note';

/**
 * Claims a change id for one change of one case. True when the id is new on this case;
 * false when it names the same change recorded before (a replayed event); refused when
 * the id already names a different change of the case. The same id on another case or
 * tenant is another change.
 */
export function claimChangeKey(
  store: StoreHandle,
  {
    tenantId,
    caseId,
    changeKey,
    kind,
    recordId,
    now,
    isSameChange,
  }: {
    tenantId: string;
    caseId: string;
    changeKey: string;
    kind: ChangeKind;
    recordId: string;
    now: number;
    /** Whether the change recorded before under this id is the one being recorded now. */
    isSameChange(earlier: { kind: ChangeKind; recordId: string }): boolean;
  },
): { fresh: true } | { fresh: false; recordId: string } {
  const inserted = store
    .insert(caseChangeKeys)
    .values({ tenantId, caseId, changeKey, kind, recordId, createdAt: now })
    .onConflictDoNothing()
    .run();
  if (inserted.changes > 0) return { fresh: true };

  const earlier = store
    .select()
    .from(caseChangeKeys)
    .where(
      and(
        eq(caseChangeKeys.tenantId, tenantId),
        eq(caseChangeKeys.caseId, caseId),
        eq(caseChangeKeys.changeKey, changeKey),
      ),
    )
    .get();
  const recorded = {
    kind: (earlier?.kind ?? kind) as ChangeKind,
    recordId: earlier?.recordId ?? '',
  };
  if (earlier !== undefined && isSameChange(recorded)) {
    return { fresh: false, recordId: recorded.recordId };
  }
  throw new CaseChangeRefused(
    'CHANGE_ID_REUSED',
    `change id ${changeKey} already names a different ${recorded.kind} change of case ` +
      `${caseId} in tenant ${tenantId}; give this change its own --change-id`,
  );
}
