import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { heldActions } from '../../db/schema.ts';
import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom, TENANT } from '../testing/policy-harness.ts';
import { createHeldActions } from './held-actions.ts';

const POLICY = policyFrom('version: 1\nrules:\n  - { tool: isolate_hosts, action: hold }');

/** A held isolation, claimed for execution and then abandoned as a crash would leave it. */
async function stuckIsolation({ landed }: { landed: boolean }) {
  const fake = createFakeConsole();
  const h = createPolicyHarness({
    tools: FAKE_TOOLS,
    capabilities: fake.capabilities,
    policy: POLICY,
  });
  const held = await h.toolbox.call({
    tool: 'isolate_hosts',
    input: { ids: ['7'] },
    reason: 'contain the host',
  });
  if (held.status !== 'held') throw new Error(`expected a hold, got ${held.status}`);

  h.db
    .update(heldActions)
    .set({ status: 'executing', updatedAt: h.clock.now() })
    .where(eq(heldActions.id, held.heldActionId))
    .run();
  if (landed) fake.isolated.add('7');

  return { h, fake, id: held.heldActionId };
}

describe('recovering actions a crash left executing', () => {
  it('marks an action whose effect the console shows as executed and verified', async () => {
    const { h, fake, id } = await stuckIsolation({ landed: true });
    h.clock.advance(10 * 60_000);

    const recovered = await h.actions.recoverInterrupted({ staleAfterMs: 5 * 60_000 });

    expect(recovered).toEqual([
      { id, tool: 'isolate_hosts', status: 'executed_verified', detail: 'all isolated' },
    ]);
    expect(h.actions.get(id)).toMatchObject({
      status: 'executed_verified',
      outcome: { verification: { verified: true }, error: null },
    });
    expect(fake.writes).toEqual([]);
    const executed = h.entries(['action.executed']);
    expect(executed.at(-1)?.payload).toMatchObject({ heldActionId: id, recovered: true });
  });

  it('fails an action whose effect is missing, without calling the console again', async () => {
    const { h, fake, id } = await stuckIsolation({ landed: false });
    h.clock.advance(10 * 60_000);

    await h.actions.recoverInterrupted({ staleAfterMs: 5 * 60_000 });

    expect(h.actions.get(id)).toMatchObject({
      status: 'failed',
      outcome: { error: { code: 'INTERRUPTED' }, verification: { verified: false } },
    });
    expect(fake.writes).toEqual([]);
    expect(h.entries(['action.verified']).at(-1)?.payload).toMatchObject({ verified: false });
  });

  it('leaves an action claimed recently alone: another process may be running it', async () => {
    const { h, id } = await stuckIsolation({ landed: false });
    h.clock.advance(60_000);

    expect(await h.actions.recoverInterrupted({ staleAfterMs: 5 * 60_000 })).toEqual([]);
    expect(h.actions.get(id).status).toBe('executing');
  });

  it('settles each stuck action once when recovery runs twice', async () => {
    const { h } = await stuckIsolation({ landed: true });
    h.clock.advance(10 * 60_000);

    const first = await h.actions.recoverInterrupted({ staleAfterMs: 5 * 60_000 });
    const second = await h.actions.recoverInterrupted({ staleAfterMs: 5 * 60_000 });

    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    expect(h.entries(['action.executed'])).toHaveLength(1);
  });

  it('leaves an action asked on another console for a person, rather than ask this one', async () => {
    const { h, fake, id } = await stuckIsolation({ landed: true });
    h.db
      .update(heldActions)
      .set({ consoleUrl: 'http://127.0.0.1:40123' })
      .where(eq(heldActions.id, id))
      .run();
    h.clock.advance(10 * 60_000);
    const elsewhere = createHeldActions({
      db: h.db,
      tenantId: TENANT,
      registry: h.registry,
      capabilities: fake.capabilities,
      audit: h.audit,
      clock: h.clock,
      consoleUrl: 'http://127.0.0.1:4610',
    });

    expect(await elsewhere.recoverInterrupted({ staleAfterMs: 5 * 60_000 })).toEqual([]);
    expect(h.actions.get(id).status).toBe('executing');
  });
});
