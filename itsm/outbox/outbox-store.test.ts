import { afterEach, describe, expect, it } from 'vitest';

import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { createOutboxStore } from './outbox-store.ts';

let store: OpenDatabase | undefined;

afterEach(() => store?.close());

describe('outbox leases', () => {
  it('only the claim holding the lease settles the row', () => {
    store = openDatabase({ path: ':memory:' });
    const outbox = createOutboxStore({ db: store.db });
    const t0 = 1_000_000;
    outbox.enqueue(
      {
        id: 'row-1',
        changeId: 'evt-1',
        tenantId: 'acme',
        caseId: '42',
        targetSystem: 'jira',
        payload: { kind: 'note', by: 'alice', text: 'hi', at: t0 },
      },
      { now: t0 },
    );

    // Worker A claims, then takes longer than its lease; worker B claims the lapsed row.
    const [a] = outbox.claimDue({ now: t0, leaseMs: 120_000, limit: 10 });
    expect(outbox.claimDue({ now: t0 + 60_000, leaseMs: 120_000, limit: 10 })).toEqual([]);
    const [b] = outbox.claimDue({ now: t0 + 121_000, leaseMs: 120_000, limit: 10 });
    expect(a?.leaseToken).toMatch(/.+/);
    expect(b?.leaseToken).not.toBe(a?.leaseToken);

    const settledByB = outbox.settle('row-1', {
      leaseToken: b?.leaseToken ?? '',
      state: 'delivered',
      now: t0 + 122_000,
    });
    const settledByA = outbox.settle('row-1', {
      leaseToken: a?.leaseToken ?? '',
      state: 'pending',
      now: t0 + 130_000,
      nextAttemptAt: t0 + 140_000,
      lastError: 'HTTP 503',
    });

    expect([settledByB, settledByA]).toEqual([true, false]);
    expect(outbox.get('row-1')).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
    expect(outbox.claimDue({ now: t0 + 200_000, leaseMs: 120_000, limit: 10 })).toEqual([]);
  });
});

describe('claiming due changes', () => {
  const t0 = 1_000_000;
  const note = (id: string, caseId: string) => ({
    id,
    changeId: id,
    tenantId: 'acme',
    caseId,
    targetSystem: 'jira' as const,
    payload: { kind: 'note' as const, by: 'alice', text: id, at: t0 },
  });

  it("takes each case's oldest change, none behind a held one, and the limit after that", () => {
    store = openDatabase({ path: ':memory:' });
    const outbox = createOutboxStore({ db: store.db });
    for (const [id, caseId] of [
      ['held-1', '1'],
      ['after-held', '1'],
      ['first-2', '2'],
      ['second-2', '2'],
      ['first-3', '3'],
    ] as const) {
      outbox.enqueue(note(id, caseId), { now: t0 });
    }
    const [held] = outbox.claimDue({ now: t0, leaseMs: 1_000, limit: 1 });
    outbox.settle(held?.id ?? '', {
      leaseToken: held?.leaseToken ?? '',
      state: 'held',
      now: t0,
      heldActionId: 'action-1',
    });

    const claimed = outbox.claimDue({ now: t0 + 1, leaseMs: 1_000, limit: 1 });
    const rest = outbox.claimDue({ now: t0 + 1, leaseMs: 1_000, limit: 10 });

    expect(held?.id).toBe('held-1');
    expect(claimed.map((change) => change.id)).toEqual(['first-2']);
    expect(rest.map((change) => change.id)).toEqual(['first-3']);
    outbox.releaseHeld('held-1', { state: 'delivered', now: t0 + 2, lastError: null });
    expect(outbox.claimDue({ now: t0 + 2, leaseMs: 1_000, limit: 10 }).map((c) => c.id)).toEqual([
      'after-held',
    ]);
  });
});
