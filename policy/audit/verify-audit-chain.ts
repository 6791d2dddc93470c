import { and, asc, eq, gt } from 'drizzle-orm';

import type { CasebookDb } from '../../db/open-database.ts';
import { auditEntries } from '../../db/schema.ts';
import { auditEntryName, GENESIS_HASH } from './audit-entry.ts';
import { auditEntryHash } from './audit-entry-hash.ts';

const PAGE = 1_000;

export interface ChainHead {
  tenantId: string;
  entries: number;
  /** Hash of the newest entry; keep it elsewhere to detect a truncated tail later. */
  headHash: string;
}

export type AuditChainProblem = 'hash_mismatch' | 'broken_link' | 'sequence_gap';

export type AuditChainResult =
  | { ok: true; chains: ChainHead[] }
  | {
      ok: false;
      tenantId: string;
      seq: number;
      /** The first entry that does not match, e.g. `acme#42`. */
      entry: string;
      problem: AuditChainProblem;
      message: string;
      /** The chains checked in full before the failing one. */
      chains: ChainHead[];
    };

/**
 * Recomputes every tenant's chain (or one tenant's) from the first entry and names the
 * first entry that does not match: its own hash is wrong (the row was changed), its
 * link to the previous entry is wrong, or entries before it are missing. Reads page by
 * page, so memory stays flat on a long trail.
 */
export function verifyAuditChain({
  db,
  tenantId,
}: {
  db: CasebookDb;
  tenantId?: string;
}): AuditChainResult {
  const tenantIds =
    tenantId === undefined
      ? db
          .selectDistinct({ tenantId: auditEntries.tenantId })
          .from(auditEntries)
          .orderBy(auditEntries.tenantId)
          .all()
          .map((row) => row.tenantId)
      : [tenantId];
  const chains: ChainHead[] = [];

  for (const tenant of tenantIds) {
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    let lastSeq = 0;

    for (;;) {
      const rows = db
        .select()
        .from(auditEntries)
        .where(and(eq(auditEntries.tenantId, tenant), gt(auditEntries.seq, lastSeq)))
        .orderBy(asc(auditEntries.seq))
        .limit(PAGE)
        .all();

      for (const row of rows) {
        const fail = (
          problem: AuditChainProblem,
          seq: number,
          message: string,
        ): AuditChainResult => {
          const entry = auditEntryName({ tenantId: tenant, seq });
          return {
            ok: false,
            tenantId: tenant,
            seq,
            entry,
            problem,
            message: `audit entry ${entry} ${message}`,
            chains,
          };
        };

        if (row.seq !== expectedSeq) {
          const next = auditEntryName(row);
          const before = auditEntryName({ tenantId: tenant, seq: expectedSeq - 1 });
          const after =
            expectedSeq === 1
              ? `the chain starts at ${next}`
              : `the entry after ${before} is ${next}`;
          return fail('sequence_gap', expectedSeq, `is missing: ${after}`);
        }
        if (auditEntryHash(row) !== row.hash) {
          return fail('hash_mismatch', row.seq, 'does not match its hash: the row was changed');
        }
        if (row.prevHash !== previousHash) {
          return fail(
            'broken_link',
            row.seq,
            `does not link to entry ${row.seq - 1}: the chain was altered`,
          );
        }

        previousHash = row.hash;
        expectedSeq += 1;
        lastSeq = row.seq;
      }

      if (rows.length < PAGE) break;
    }

    chains.push({ tenantId: tenant, entries: expectedSeq - 1, headHash: previousHash });
  }

  return { ok: true, chains };
}
