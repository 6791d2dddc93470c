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

/**
 * An entry's hash as it was read earlier and kept outside the database. The chain links
 * every entry to the one before it, so a matching checkpoint vouches for all entries up to
 * it; a chain shorter than a checkpoint was cut off.
 */
export interface AuditCheckpoint {
  tenantId: string;
  seq: number;
  hash: string;
}

export type AuditChainProblem =
  | 'hash_mismatch'
  | 'broken_link'
  | 'sequence_gap'
  | 'checkpoint_mismatch'
  | 'truncated';

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
  checkpoints = [],
}: {
  db: CasebookDb;
  tenantId?: string;
  checkpoints?: readonly AuditCheckpoint[];
}): AuditChainResult {
  const checked = new Set(checkpoints.map((checkpoint) => checkpoint.tenantId));
  const tenantIds =
    tenantId === undefined
      ? db
          .selectDistinct({ tenantId: auditEntries.tenantId })
          .from(auditEntries)
          .orderBy(auditEntries.tenantId)
          .all()
          .map((row) => row.tenantId)
          // A checkpointed tenant whose every entry was deleted is still checked.
          .concat([...checked])
          .filter((id, index, all) => all.indexOf(id) === index)
          .sort()
      : [tenantId];
  const chains: ChainHead[] = [];

  for (const tenant of tenantIds) {
    const marks = new Map(
      checkpoints.filter((c) => c.tenantId === tenant).map((c) => [c.seq, c.hash] as const),
    );
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

        const mark = marks.get(row.seq);
        if (mark !== undefined && mark !== row.hash) {
          return fail(
            'checkpoint_mismatch',
            row.seq,
            'differs from the checkpoint kept for it: the chain was rewritten from here or earlier',
          );
        }

        previousHash = row.hash;
        expectedSeq += 1;
        lastSeq = row.seq;
      }

      if (rows.length < PAGE) break;
    }

    const entries = expectedSeq - 1;
    const beyond = Math.max(0, ...marks.keys());
    if (beyond > entries) {
      const entry = auditEntryName({ tenantId: tenant, seq: beyond });
      return {
        ok: false,
        tenantId: tenant,
        seq: beyond,
        entry,
        problem: 'truncated',
        message:
          `audit entry ${entry} is missing: a checkpoint names it, but the chain ends ` +
          `after ${entries} entries, so entries were removed from its end`,
        chains,
      };
    }

    chains.push({ tenantId: tenant, entries, headHash: previousHash });
  }

  return { ok: true, chains };
}
