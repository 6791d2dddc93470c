import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { canonicalHash } from '../canonical-json.ts';
import { GENESIS_HASH } from './audit-entry.ts';
import { createAuditTrail, listAuditEntries } from './audit-trail.ts';
import { createSecretRedactor } from './secret-redactor.ts';
import { verifyAuditChain } from './verify-audit-chain.ts';

function trail(path = ':memory:') {
  const store = openDatabase({ path });
  const clock = createManualClock(1_000);
  const audit = createAuditTrail({ db: store.db, clock, redactor: createSecretRedactor() });
  return { ...store, clock, audit };
}

describe('createAuditTrail', () => {
  it('chains entries per tenant, each carrying the hash of the one before', () => {
    const { db, audit, close } = trail();

    const first = audit.append({
      tenantId: 'acme',
      kind: 'tool.call',
      caseId: '1',
      runId: 'r',
      step: 1,
      payload: { a: 1 },
    });
    const other = audit.append({ tenantId: 'globex', kind: 'tool.call', payload: { a: 1 } });
    const second = audit.append({ tenantId: 'acme', kind: 'action.held', payload: { b: 2 } });

    expect(first).toMatchObject({
      tenantId: 'acme',
      seq: 1,
      prevHash: GENESIS_HASH,
      at: 1_000,
      caseId: '1',
      step: 1,
    });
    expect(other).toMatchObject({ tenantId: 'globex', seq: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({
      seq: 2,
      prevHash: first.hash,
      caseId: null,
      runId: null,
      step: null,
    });
    expect(listAuditEntries({ db, tenantId: 'acme' })).toEqual([first, second]);
    expect(listAuditEntries({ db, tenantId: 'acme', kinds: ['action.held'] })).toEqual([second]);
    expect(verifyAuditChain({ db })).toEqual({
      ok: true,
      chains: [
        { tenantId: 'acme', entries: 2, headHash: second.hash },
        { tenantId: 'globex', entries: 1, headHash: other.hash },
      ],
    });
    close();
  });

  it('records a model call with the prompt hash and token usage, never the prompt', () => {
    const { db, audit, close } = trail();
    const prompt = [{ role: 'user', content: 'the case data, token eyJabcdef.eyJabcdef.sig' }];

    audit.recordModelCall({
      tenantId: 'acme',
      caseId: '100',
      runId: 'run-1',
      step: 3,
      agentId: 'triage',
      modelId: 'offline',
      prompt,
      usage: { inputTokens: 812, outputTokens: 96, totalTokens: 908 },
      durationMs: 40,
      finishReason: 'stop',
    });

    const [entry] = listAuditEntries({ db, tenantId: 'acme' });
    expect(entry).toMatchObject({
      kind: 'model.call',
      actor: 'triage',
      caseId: '100',
      runId: 'run-1',
      step: 3,
    });
    expect(entry?.payload).toEqual({
      modelId: 'offline',
      promptHash: canonicalHash(prompt),
      usage: { inputTokens: 812, outputTokens: 96, totalTokens: 908 },
      durationMs: 40,
      finishReason: 'stop',
    });
    close();
  });

  it('keeps secrets out of stored payloads and actors', () => {
    const { sqlite, audit, close } = trail();

    audit.append({
      tenantId: 'acme',
      kind: 'tool.call',
      actor: 'agent ApiToken 0123456789abcdef',
      payload: {
        headers: { authorization: 'ApiToken s3cr3t-value' },
        note: 'use Bearer abcdefghijklmnop',
      },
    });

    const row = sqlite.prepare('select actor, payload_json from audit_entries').get() as Record<
      string,
      string
    >;
    expect(row.actor).toBe('agent [redacted]');
    expect(row.payload_json).toBe(
      '{"headers":{"authorization":"[redacted]"},"note":"use [redacted]"}',
    );
    close();
  });

  it('refuses to update or delete entries', () => {
    const { sqlite, audit, close } = trail();
    audit.append({ tenantId: 'acme', kind: 'tool.call', payload: {} });

    expect(() => sqlite.prepare("update audit_entries set kind = 'x'").run()).toThrow(
      'audit_entries is append-only',
    );
    expect(() => sqlite.prepare('delete from audit_entries').run()).toThrow(
      'audit_entries is append-only',
    );
    close();
  });

  it('keeps one chain when two connections append to the same file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-audit-')), 'casebook.db');
    const one = trail(path);
    const two = trail(path);

    for (let i = 0; i < 10; i += 1) {
      (i % 2 === 0 ? one : two).audit.append({
        tenantId: 'acme',
        kind: 'tool.call',
        payload: { i },
      });
    }

    expect(verifyAuditChain({ db: one.db })).toMatchObject({
      ok: true,
      chains: [{ tenantId: 'acme', entries: 10 }],
    });
    one.close();
    two.close();
  });
});
