import { canonicalJson, sha256Hex } from '../canonical-json.ts';
import { AUDIT_HASH_VERSION } from './audit-entry.ts';

export interface HashedColumns {
  tenantId: string;
  seq: number;
  at: number;
  kind: string;
  caseId: string | null;
  runId: string | null;
  step: number | null;
  actor: string | null;
  payloadJson: string;
  prevHash: string;
}

/**
 * The hash of an audit row over every column but itself. The payload enters as the
 * stored text, byte for byte, so any edit to it changes the hash.
 */
export function auditEntryHash(columns: HashedColumns): string {
  return sha256Hex(
    canonicalJson({
      v: AUDIT_HASH_VERSION,
      tenantId: columns.tenantId,
      seq: columns.seq,
      at: columns.at,
      kind: columns.kind,
      caseId: columns.caseId,
      runId: columns.runId,
      step: columns.step,
      actor: columns.actor,
      payloadJson: columns.payloadJson,
      prevHash: columns.prevHash,
    }),
  );
}
