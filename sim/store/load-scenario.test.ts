import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../lib/clock.ts';
import { compileS1ql } from '../../tools/s1ql/index.ts';
import { Scenario } from '../scenario.ts';
import { createDvQuery } from './deep-visibility/dv-queries.ts';
import { loadScenario } from './load-scenario.ts';
import { openSimStore, type SimStore } from './open-sim-store.ts';
import { findLoadedScenario, listLoadedScenarios } from './scenario-catalog.ts';
import { ScenarioLoadError } from './scenario-load-error.ts';
import { EVENT_INDEXES } from './sim-schema.ts';
import { SMALL_SCENARIO_INPUT, THREAT_IDS, WINDOWS_AGENT } from './testing/small-scenario.ts';
import { setAnalystVerdict } from './threats/threat-writes.ts';

function counts(store: SimStore): Record<string, number> {
  const count = (table: string) =>
    (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    agents: count('agents'),
    events: count('events'),
    threats: count('threats'),
    activities: count('activities'),
    scenarios: count('scenarios'),
  };
}

function withStore(): SimStore {
  return openSimStore({ clock: createManualClock(Date.UTC(2026, 0, 2)) });
}

describe('loadScenario', () => {
  it('accepts the test scenario as a valid Scenario', () => {
    expect(Scenario.safeParse(SMALL_SCENARIO_INPUT).success).toBe(true);
  });

  it('loads agents, events, threats and one detection activity per threat', () => {
    const store = withStore();
    const result = loadScenario(store, SMALL_SCENARIO_INPUT);

    expect(result).toEqual({
      scenarioId: 'small-test',
      status: 'loaded',
      agents: 2,
      events: 30,
      threats: 3,
    });
    expect(counts(store)).toEqual({
      agents: 2,
      events: 30,
      threats: 3,
      activities: 3,
      scenarios: 1,
    });
  });

  it('does not duplicate anything when the same scenario is loaded twice', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);
    const before = counts(store);

    const again = loadScenario(store, structuredClone(SMALL_SCENARIO_INPUT));

    expect(again.status).toBe('unchanged');
    expect(counts(store)).toEqual(before);
  });

  it('replaces the scenario when its content changed under the same id', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);
    const changed = structuredClone(SMALL_SCENARIO_INPUT);
    changed.events = changed.events.slice(0, 10);
    changed.threats = changed.threats.slice(0, 1);
    createDvQuery(store, {
      query: 'EventType = "Login"',
      fromMs: 0,
      toMs: Date.UTC(2027, 0, 1),
      limit: 10,
      userId: null,
      runningMs: 0,
      ttlMs: 60_000,
    });

    const result = loadScenario(store, changed);

    expect(result.status).toBe('replaced');
    const dvRows = store.db.prepare('SELECT count(*) AS n FROM dv_query_results').get();
    expect([dvRows, store.db.prepare('SELECT id FROM dv_queries').all()]).toEqual([{ n: 0 }, []]);
    expect(counts(store)).toEqual({
      agents: 2,
      events: 10,
      threats: 1,
      activities: 1,
      scenarios: 1,
    });
  });

  it('stores each field in its column and fills endpoint fields from the agent', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);

    const row = store.db
      .prepare(
        `SELECT event_time, event_type, event_category, src_process_pid, agent_id, endpoint_name,
           endpoint_os, site_name, src_process_is_storyline_root, raw
         FROM events WHERE event_id = ?`,
      )
      .get('1700000000000000001') as Record<string, unknown>;

    expect(row).toMatchObject({
      event_time: Date.UTC(2026, 0, 1, 10, 0, 0),
      event_type: 'Process Creation',
      event_category: 'process',
      src_process_pid: 4120,
      agent_id: WINDOWS_AGENT.id,
      endpoint_name: 'WIN-DESK01',
      endpoint_os: 'windows',
      site_name: 'Default site',
      src_process_is_storyline_root: 1,
    });
    expect(JSON.parse(row.raw as string)).toEqual(SMALL_SCENARIO_INPUT.events[0]);
  });

  it('keeps the ground truth readable for the eval harness', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);

    expect(listLoadedScenarios(store).map((s) => s.id)).toEqual(['small-test']);
    expect(findLoadedScenario(store, 'small-test')?.groundTruth).toEqual({
      verdict: 'true_positive',
      severity: 'high',
      techniques: ['T1059.001', 'T1547.001'],
      sourceTechniques: [],
      maliciousProcessUids: [],
      affectedEndpoints: ['WIN-DESK01'],
      iocs: [],
      attackerCommands: [],
    });
  });

  it('rejects an event value that does not fit its field and writes nothing', () => {
    const store = withStore();
    const bad = structuredClone(SMALL_SCENARIO_INPUT);
    bad.events[7] = { ...bad.events[7], 'src.process.pid': 'not-a-pid' };

    expect(() => loadScenario(store, bad)).toThrow(
      new ScenarioLoadError(
        'small-test',
        'event 1700000000000000008, field "src.process.pid": expected a number, got "not-a-pid"',
      ),
    );
    expect(counts(store)).toEqual({
      agents: 0,
      events: 0,
      threats: 0,
      activities: 0,
      scenarios: 0,
    });
  });

  it('rejects an event without a time', () => {
    const store = withStore();
    const bad = structuredClone(SMALL_SCENARIO_INPUT);
    const { 'event.time': _dropped, ...rest } = bad.events[3] as Record<string, unknown>;
    bad.events[3] = rest as (typeof bad.events)[number];

    expect(() => loadScenario(store, bad)).toThrow(
      'scenario "small-test" cannot be loaded: event 1700000000000000004 is missing "event.time"',
    );
  });

  it('rejects a scenario whose metadata fails the schema', () => {
    const store = withStore();
    const bad = { ...structuredClone(SMALL_SCENARIO_INPUT), agents: [] };

    expect(() => loadScenario(store, bad)).toThrow(ScenarioLoadError);
    expect(() => loadScenario(store, bad)).toThrow(/agents: /);
  });

  it('refuses a threat id that another scenario already owns', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);
    const other = { ...structuredClone(SMALL_SCENARIO_INPUT), id: 'other-scenario' };

    expect(() => loadScenario(store, other)).toThrow(
      `scenario "other-scenario" cannot be loaded: threat ${THREAT_IDS.powershell} ` +
        'already belongs to scenario "small-test"',
    );
  });

  it('keeps console state when the unchanged scenario is loaded again', () => {
    const store = withStore();
    loadScenario(store, SMALL_SCENARIO_INPUT);
    const user = { id: '1', email: 'a@example.com', fullName: 'A' };
    setAnalystVerdict(store, {
      filter: { ids: [THREAT_IDS.powershell] },
      verdict: 'true_positive',
      user,
    });

    loadScenario(store, SMALL_SCENARIO_INPUT);

    const row = store.db.prepare('SELECT analyst_verdict FROM threats WHERE id = ?');
    expect(row.get(THREAT_IDS.powershell)).toEqual({ analyst_verdict: 'true_positive' });
  });

  it('bulk-loads a large scenario into an empty store and rebuilds every index', () => {
    const store = withStore();
    const large = structuredClone(SMALL_SCENARIO_INPUT);
    const base = large.events;
    large.events = Array.from({ length: 20_010 }, (_, i) => ({
      ...(base[i % base.length] as (typeof base)[number]),
      'event.id': String(1_600_000_000_000_000_000n + BigInt(i)),
    }));

    expect(loadScenario(store, large).events).toBe(20_010);

    const indexes = store.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
      .all()
      .map((row) => (row as { name: string }).name)
      .sort();
    expect(indexes).toEqual(EVENT_INDEXES.map((index) => index.name).sort());
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM events WHERE src_process_name = ?')
      .all('cmd.exe') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toContain('events_src_name');
    expect(counts(store).events).toBe(20_010);
  });

  it('serves exact and AnyCase process-name hunts from indexes', () => {
    const store = openSimStore();
    const planOf = (query: string) => {
      const compiled = compileS1ql(query);
      if (!compiled.ok) throw new Error(compiled.error.message);
      return (
        store.db
          .prepare(`EXPLAIN QUERY PLAN SELECT id FROM events WHERE ${compiled.sql}`)
          .all(...compiled.params) as { detail: string }[]
      )
        .map((step) => step.detail)
        .join(' ');
    };

    expect(planOf('TgtProcName = "rundll32.exe"')).toContain('events_tgt_name');
    expect(planOf('SrcProcName In AnyCase ("winword.exe", "excel.exe")')).toContain(
      'events_src_name_folded',
    );
    expect(planOf('TgtProcName In AnyCase ("cmd.exe")')).toContain('events_tgt_name_folded');
    store.close();
  });

  describe('with a file store', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    });

    it('persists across reopening and stays idempotent', () => {
      dir = mkdtempSync(join(tmpdir(), 'casebook-sim-'));
      const path = join(dir, 'sim.db');
      const first = openSimStore({ path, clock: createManualClock() });
      loadScenario(first, SMALL_SCENARIO_INPUT);
      expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
      first.close();

      const second = openSimStore({ path, clock: createManualClock() });
      expect(loadScenario(second, SMALL_SCENARIO_INPUT).status).toBe('unchanged');
      expect(counts(second)).toEqual({
        agents: 2,
        events: 30,
        threats: 3,
        activities: 3,
        scenarios: 1,
      });
      second.close();
    });

    it('creates the folder of a store that does not exist yet', () => {
      dir = mkdtempSync(join(tmpdir(), 'casebook-sim-'));
      const path = join(dir, 'not', 'yet', 'sim.db');

      const store = openSimStore({ path, clock: createManualClock() });

      expect(loadScenario(store, SMALL_SCENARIO_INPUT).status).toBe('loaded');
      store.close();
    });
  });
});
