import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../lib/clock.ts';
import { loadScenario } from '../load-scenario.ts';
import { openSimStore, type SimStore } from '../open-sim-store.ts';
import { SMALL_SCENARIO_INPUT } from '../testing/small-scenario.ts';
import { createDvQuery, pageDvResults } from './dv-queries.ts';

/** Process names whose case only Unicode-wide folding ignores; `\u212a` is the Kelvin sign. */
const NAMES = ['ÉCOLE.EXE', 'ПРИВЕТ.exe', 'ſvchost.exe', '\u212aernel.exe', 'ΣΟΦΟΣ.exe'];

function storeWithNames(): SimStore {
  const store = openSimStore({ clock: createManualClock(Date.UTC(2026, 0, 2)) });
  const input = structuredClone(SMALL_SCENARIO_INPUT);
  NAMES.forEach((name, index) => {
    const event = input.events[index];
    if (event !== undefined) event['tgt.process.name'] = name;
  });
  loadScenario(store, input);
  return store;
}

function run(store: SimStore, query: string): { names: string[]; error: string | null } {
  const row = createDvQuery(store, {
    query,
    fromMs: 0,
    toMs: Date.UTC(2030, 0, 1),
    limit: 1000,
    userId: null,
    runningMs: 0,
    ttlMs: 60_000,
  });
  const page = pageDvResults(store, {
    queryId: row.id,
    position: null,
    skip: 0,
    limit: 1000,
    countTotal: false,
  });
  const names = page.items.map((event) => String(event.tgtProcName ?? ''));
  return { names: names.sort(), error: row.error };
}

describe('Deep Visibility queries on the simulator store', () => {
  const store = storeWithNames();

  it.each([
    ['TgtProcName ContainsCIS "école"', ['ÉCOLE.EXE']],
    ['TgtProcName StartsWithCIS "привет"', ['ПРИВЕТ.exe']],
    ['TgtProcName EndsWithCIS "ЕТ.EXE"', ['ПРИВЕТ.exe']],
    ['TgtProcName In Anycase ("école.exe", "привет.EXE")', ['ÉCOLE.EXE', 'ПРИВЕТ.exe']],
    ['TgtProcName In Contains Anycase ("COLE", "вет")', ['ÉCOLE.EXE', 'ПРИВЕТ.exe']],
    ["tgt.process.name = 'école.exe'", ['ÉCOLE.EXE']],
    ["tgt.process.name contains 'привет'", ['ПРИВЕТ.exe']],
    ["tgt.process.name in:anycase ('σοφος.exe')", ['ΣΟΦΟΣ.exe']],
    ['TgtProcName In Anycase ("SVCHOST.EXE")', ['ſvchost.exe']],
    ['TgtProcName ContainsCIS "kernel"', ['\u212aernel.exe']],
  ])('%s matches across Unicode case', (query, expected) => {
    expect(run(store, query)).toEqual({ names: expected, error: null });
  });

  it('matches exactly what RegExpCIS matches, character class for character class', () => {
    for (const name of NAMES) {
      const lower = name.toLowerCase();
      const viaFold = run(store, `TgtProcName ContainsCIS "${lower}"`);
      const viaRegExp = run(store, `TgtProcName RegExpCIS "${lower.replace('.', '\\.')}"`);
      expect(viaFold).toEqual(viaRegExp);
      expect(viaFold.names).toEqual([name]);
    }
  });

  it('runs a case-insensitive needle longer than SQLite allows a LIKE pattern to be', () => {
    const needle = 'x'.repeat(60_000);
    expect(run(store, `TgtProcCmdLine ContainsCIS "${needle}"`)).toEqual({
      names: [],
      error: null,
    });
  });

  it('keeps the case-sensitive forms case-sensitive', () => {
    expect(run(store, 'TgtProcName Contains "école"')).toEqual({ names: [], error: null });
    expect(run(store, 'TgtProcName = "ÉCOLE.EXE"').names).toEqual(['ÉCOLE.EXE']);
  });
});
