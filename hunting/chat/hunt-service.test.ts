import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { DEFAULT_POLICY } from '../../policy/rules/policy-file.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { createHuntRuntime } from '../hunt-runtime.ts';
import { HuntEvent } from './hunt-events.ts';
import type { HuntService } from './hunt-service.ts';

const TENANT = 'default';
const HUNTER = 'hunter@acme.example';

let sim: RunningSimulator;
let store: OpenDatabase;
let service: HuntService;

beforeAll(async () => {
  const clock = createManualClock(Date.parse('2025-07-10T00:00:00Z'));
  sim = await startSimulator({
    scenarios: await loadBuiltinScenarios(),
    clock,
    timing: { dvQueryRunningMs: 0 },
  });
  store = openDatabase({ path: ':memory:' });
  service = createHuntRuntime({
    db: store.db,
    tenantId: TENANT,
    consoleUrl: sim.url,
    token: sim.token,
    policy: DEFAULT_POLICY,
    clock,
    defaultWindowMs: 400 * 86_400_000,
    maxRetries: 0,
  });
});

afterAll(async () => {
  store.close();
  await sim.close();
});

async function ask(text: string, threadId?: string): Promise<HuntEvent[]> {
  const events: HuntEvent[] = [];
  for await (const event of service.ask({ tenantId: TENANT, hunterId: HUNTER, threadId, text })) {
    events.push(HuntEvent.parse(event));
  }
  return events;
}

function pick<T extends HuntEvent['type']>(events: HuntEvent[], type: T) {
  return events.find((event) => event.type === type) as Extract<HuntEvent, { type: T }> | undefined;
}

describe('a hunt thread', () => {
  it('answers, then refines its query over follow-ups by editing it', async () => {
    const first = await ask('process starts of powershell');
    const done = pick(first, 'done');
    expect(done).toBeDefined();
    const threadId = done?.threadId ?? '';
    expect(pick(first, 'query')?.text).toBe(
      'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe")',
    );
    expect(pick(first, 'explanation')?.text).toMatch(/^Events where /);
    const firstSummary = pick(first, 'summary')?.summary;
    expect(firstSummary?.total).toBe(4);
    expect(firstSummary?.byHost.map((h) => h.value).sort()).toEqual([
      'FILESRV-02',
      'FIN-WS-042',
      'IT-JUMP-01',
      'MKT-WS-008',
    ]);

    const widened = await ask('also include net.exe and nltest', threadId);
    expect(pick(widened, 'query')?.refined).toBe(true);
    expect(pick(widened, 'summary')?.summary.total).toBe(6);

    const narrowed = await ask('only on FILESRV-02', threadId);
    expect(pick(narrowed, 'query')?.text).toContain('EndpointName In Anycase ("FILESRV-02")');
    expect(pick(narrowed, 'summary')?.summary.total).toBe(3);

    const dropped = await ask('drop nltest', threadId);
    expect(pick(dropped, 'query')?.text).toBe(
      'EventType = "Process Creation" AND TgtProcName In Anycase ("powershell.exe", "pwsh.exe", ' +
        '"net.exe") AND EndpointName In Anycase ("FILESRV-02")',
    );
    const droppedSummary = pick(dropped, 'summary')?.summary;
    expect(droppedSummary?.byProcess.map((p) => p.value).sort()).toEqual([
      'net.exe',
      'powershell.exe',
    ]);

    const parents = await ask('show the parents', threadId);
    const parentSummary = pick(parents, 'summary')?.summary;
    expect(parentSummary?.focus).toBe('parent');
    expect(parentSummary?.byProcess.map((p) => p.value).sort()).toEqual([
      'WmiPrvSE.exe',
      'powershell.exe',
    ]);
    expect(parentSummary?.citedEventIds).toHaveLength(2);

    const recent = await ask('last two hours', threadId);
    expect(pick(recent, 'query')?.window.label).toBe('last two hours');
    expect(pick(recent, 'summary')?.summary.total).toBe(0);

    const view = service.getThread({ tenantId: TENANT, hunterId: HUNTER, threadId });
    expect(view.thread.currentQuery).toBe(pick(recent, 'query')?.text);
    expect(view.thread.focus).toBe('parent');
    expect(view.messages.map((m) => m.role)).toEqual(Array(6).fill(['hunter', 'agent']).flat());
  });

  it('refuses what it cannot read and says how to ask', async () => {
    const events = await ask('anything weird going on?');
    const refusal = pick(events, 'refusal');
    expect(refusal?.reason).toBe('the question names no activity and nothing to look for');
    expect(refusal?.suggestions.length).toBeGreaterThan(0);
    expect(pick(events, 'query')).toBeUndefined();
  });

  it('renames a thread after a new question, but not after a follow-up', async () => {
    const threadId = pick(await ask('which processes accessed lsass memory?'), 'done')?.threadId;
    const title = () =>
      service.getThread({ tenantId: TENANT, hunterId: HUNTER, threadId: threadId ?? '' }).thread
        .title;
    expect(title()).toBe('which processes accessed lsass memory?');

    await ask('last two hours', threadId);
    expect(title()).toBe('which processes accessed lsass memory?');

    await ask('DNS lookups for docs-invoice-portal.example', threadId);
    expect(title()).toBe('DNS lookups for docs-invoice-portal.example');
  });

  it('keeps threads to their hunter', async () => {
    const events = await ask('DNS lookups for docs-invoice-portal.example');
    const threadId = pick(events, 'done')?.threadId ?? '';
    const intruder = [];
    for await (const event of service.ask({
      tenantId: TENANT,
      hunterId: 'someone-else',
      threadId,
      text: 'only on FIN-WS-042',
    })) {
      intruder.push(event);
    }
    expect(intruder).toEqual([
      expect.objectContaining({ type: 'error', code: 'HUNT_THREAD_NOT_FOUND', fault: 'user' }),
    ]);
  });

  it('promotes a finding to a case with its queries and evidence', async () => {
    const events = await ask('connections to 203.0.113.77 on port 8443');
    const threadId = pick(events, 'done')?.threadId ?? '';
    const cited = pick(events, 'summary')?.summary.citedEventIds ?? [];
    expect(cited).toHaveLength(3);

    const promoted = service.promote({ tenantId: TENANT, hunterId: HUNTER, threadId });
    expect(promoted.caseId).toBe(`hunt-${threadId}`);
    expect(promoted.queries.map((q) => q.query)).toEqual([pick(events, 'query')?.text]);
    expect(promoted.eventIds.sort()).toEqual([...cited].sort());
    const again = service.promote({ tenantId: TENANT, hunterId: HUNTER, threadId });
    expect(again.id).toBe(promoted.id);

    const row = store.sqlite
      .prepare('SELECT id, headline FROM cases WHERE tenant_id = ? AND id = ?')
      .get(TENANT, promoted.caseId);
    expect(row).toEqual({ id: promoted.caseId, headline: promoted.title });
  });
});
