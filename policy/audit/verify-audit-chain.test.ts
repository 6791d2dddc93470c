import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.ts';
import { auditEntries } from '../../db/schema.ts';
import { createManualClock } from '../../lib/clock.ts';
import { auditEntryHash } from './audit-entry-hash.ts';
import { createAuditTrail } from './audit-trail.ts';
import { createSecretRedactor } from './secret-redactor.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

const ENTRIES = 5;

/** A trail of five entries with every column filled, and the append-only triggers gone. */
function tamperable() {
  const store = openDatabase({ path: ':memory:' });
  const clock = createManualClock(1_000);
  const audit = createAuditTrail({ db: store.db, clock, redactor: createSecretRedactor() });
  for (let i = 1; i <= ENTRIES; i += 1) {
    clock.advance(10);
    audit.append({
      tenantId: 'acme',
      kind: i % 2 === 0 ? 'action.held' : 'tool.call',
      caseId: `case-${i}`,
      runId: 'run-1',
      step: i,
      actor: 'triage',
      payload: { tool: 'disconnect_agents', i },
    });
  }
  // An attacker with the database file can drop the triggers; the chain must still tell.
  store.sqlite.exec('drop trigger audit_entries_no_update; drop trigger audit_entries_no_delete;');
  return store;
}

const COLUMNS: [column: string, value: (row: Record<string, unknown>) => unknown][] = [
  ['at', (row) => Number(row.at) + 1],
  ['kind', () => 'approval.recorded'],
  ['case_id', () => 'case-other'],
  ['run_id', () => 'run-2'],
  ['step', (row) => Number(row.step) + 100],
  ['actor', () => 'alice'],
  [
    'payload_json',
    (row) => String(row.payload_json).replace('disconnect_agents', 'connect_agents'),
  ],
  ['prev_hash', () => 'f'.repeat(64)],
  ['hash', () => 'e'.repeat(64)],
  ['seq', (row) => Number(row.seq) + 100],
];

describe('verifyAuditChain', () => {
  it('verifies an untouched trail', () => {
    const { db, close } = tamperable();

    expect(verifyAuditChain({ db, tenantId: 'acme' })).toMatchObject({
      ok: true,
      chains: [{ entries: ENTRIES }],
    });
    close();
  });

  it('fails naming the row, whichever row and whichever column is changed', () => {
    const { db, sqlite, close } = tamperable();

    for (let seq = 1; seq <= ENTRIES; seq += 1) {
      for (const [column, value] of COLUMNS) {
        const row = sqlite.prepare('select * from audit_entries where seq = ?').get(seq) as Record<
          string,
          unknown
        >;
        sqlite.prepare(`update audit_entries set ${column} = ? where seq = ?`).run(value(row), seq);

        const result = verifyAuditChain({ db });
        expect(result, `${column} of entry ${seq}`).toMatchObject({
          ok: false,
          entry: `acme#${seq}`,
          seq,
        });

        const changed = column === 'seq' ? seq + 100 : seq;
        sqlite
          .prepare(`update audit_entries set ${column} = ? where seq = ?`)
          .run(row[column], changed);
      }
    }

    expect(verifyAuditChain({ db }).ok).toBe(true);
    close();
  });

  it('says what is wrong with the row', () => {
    const { db, sqlite, close } = tamperable();
    sqlite.prepare("update audit_entries set actor = 'alice' where seq = 3").run();

    expect(verifyAuditChain({ db })).toMatchObject({
      ok: false,
      tenantId: 'acme',
      seq: 3,
      entry: 'acme#3',
      problem: 'hash_mismatch',
      message: 'audit entry acme#3 does not match its hash: the row was changed',
    });
    close();
  });

  it('names a row that was removed from the middle of the chain', () => {
    const { db, sqlite, close } = tamperable();
    sqlite.prepare('delete from audit_entries where seq = 2').run();

    expect(verifyAuditChain({ db })).toMatchObject({
      ok: false,
      entry: 'acme#2',
      problem: 'sequence_gap',
      message: 'audit entry acme#2 is missing: the entry after acme#1 is acme#3',
    });
    close();
  });

  it('names a chain whose first entry was removed', () => {
    const { db, sqlite, close } = tamperable();
    sqlite.prepare('delete from audit_entries where seq = 1').run();

    expect(verifyAuditChain({ db })).toMatchObject({
      ok: false,
      entry: 'acme#1',
      message: 'audit entry acme#1 is missing: the chain starts at acme#2',
    });
    close();
  });

  it('catches a rewritten row whose own hash was recomputed, at the next link', () => {
    const { db, sqlite, close } = tamperable();
    sqlite.prepare("update audit_entries set actor = 'alice' where seq = 2").run();
    const row = db.select().from(auditEntries).where(eq(auditEntries.seq, 2)).get();
    if (row === undefined) throw new Error('entry 2 is gone');
    sqlite.prepare('update audit_entries set hash = ? where seq = 2').run(auditEntryHash(row));

    expect(verifyAuditChain({ db })).toMatchObject({
      ok: false,
      entry: 'acme#3',
      problem: 'broken_link',
      message: 'audit entry acme#3 does not link to entry 2: the chain was altered',
    });
    close();
  });

  it('reports a tenant without entries as an empty chain', () => {
    const { db, close } = tamperable();

    expect(verifyAuditChain({ db, tenantId: 'globex' })).toEqual({
      ok: true,
      chains: [{ tenantId: 'globex', entries: 0, headHash: '0'.repeat(64) }],
    });
    close();
  });

  it('catches entries cut from the end of the chain, given a checkpoint kept elsewhere', () => {
    const store = tamperable();
    const head = verifyAuditChain({ db: store.db });
    if (!head.ok) throw new Error('the untouched trail should verify');
    const checkpoint = { tenantId: 'acme', seq: ENTRIES, hash: head.chains[0]?.headHash ?? '' };

    store.sqlite.exec(`delete from audit_entries where seq >= ${ENTRIES - 1}`);

    expect(verifyAuditChain({ db: store.db }).ok).toBe(true);
    expect(verifyAuditChain({ db: store.db, checkpoints: [checkpoint] })).toMatchObject({
      ok: false,
      entry: `acme#${ENTRIES}`,
      problem: 'truncated',
      message: expect.stringContaining(`the chain ends after ${ENTRIES - 2} entries`),
    });
  });

  it('catches a chain rebuilt with fresh hashes, at the checkpointed entry', () => {
    const store = tamperable();
    const checkpoint = { tenantId: 'acme', seq: 3, hash: 'a'.repeat(64) };

    expect(verifyAuditChain({ db: store.db, checkpoints: [checkpoint] })).toMatchObject({
      ok: false,
      entry: 'acme#3',
      problem: 'checkpoint_mismatch',
    });
  });

  it('passes a chain that grew past its checkpoint', () => {
    const store = tamperable();
    const row = store.sqlite.prepare('select hash from audit_entries where seq = 2').get() as {
      hash: string;
    };

    const result = verifyAuditChain({
      db: store.db,
      checkpoints: [{ tenantId: 'acme', seq: 2, hash: row.hash }],
    });

    expect(result).toMatchObject({ ok: true, chains: [{ tenantId: 'acme', entries: ENTRIES }] });
  });

  it('fails a checkpointed tenant whose whole chain was deleted', () => {
    const store = tamperable();
    store.sqlite.exec('delete from audit_entries');

    const result = verifyAuditChain({
      db: store.db,
      checkpoints: [{ tenantId: 'acme', seq: 1, hash: 'b'.repeat(64) }],
    });

    expect(result).toMatchObject({ ok: false, entry: 'acme#1', problem: 'truncated' });
  });
});
