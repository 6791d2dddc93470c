import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../lib/clock.ts';
import { loadBuiltinScenarios } from '../../../sim/scenarios/load-builtin-scenarios.ts';
import { createDvQuery } from '../../../sim/store/deep-visibility/dv-queries.ts';
import { loadScenario } from '../../../sim/store/load-scenario.ts';
import { openSimStore, type SimStore } from '../../../sim/store/open-sim-store.ts';
import { SMALL_SCENARIO_INPUT } from '../../../sim/store/testing/small-scenario.ts';
import type { S1qlQuery } from '../ast.ts';
import { explainS1ql } from '../explain/explain-s1ql.ts';
import { formatS1ql } from '../format/format-s1ql.ts';
import { lintS1ql } from '../lint/lint-s1ql.ts';
import { type ParseS1qlOptions, parseS1ql } from '../parse-s1ql.ts';
import { compileS1qlToSql } from '../sql/compile-s1ql-to-sql.ts';
import { s1qlShape } from '../testing/s1ql-shape.ts';
import { validateS1qlQuery } from '../validate/validate-s1ql-query.ts';

interface Line {
  readonly line: number;
  readonly text: string;
}

function linesOf(name: string): Line[] {
  const content = readFileSync(new URL(name, import.meta.url), 'utf8');
  return content
    .split('\n')
    .map((text, index) => ({ line: index + 1, text }))
    .filter(({ text }) => text.trim() !== '' && !text.startsWith('#'));
}

interface Malformed {
  readonly query: string;
  readonly dialect?: '1.0' | '2.0';
  readonly error: string;
}

const V1 = linesOf('valid-1.0.txt');
const V2 = linesOf('valid-2.0.txt');
const MALFORMED = JSON.parse(
  readFileSync(new URL('malformed.json', import.meta.url), 'utf8'),
) as Malformed[];

function parsed(text: string, options?: ParseS1qlOptions): S1qlQuery {
  const result = parseS1ql(text, options);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.query;
}

describe('the S1QL corpus', () => {
  let store: SimStore;
  const run = (query: S1qlQuery): number[] => {
    const { sql, params } = compileS1qlToSql(query);
    const rows = store.db.prepare(`SELECT id FROM events WHERE ${sql} ORDER BY id`).all(...params);
    return (rows as { id: number }[]).map((row) => row.id);
  };

  beforeAll(async () => {
    store = openSimStore({ clock: createManualClock(Date.UTC(2026, 0, 2)) });
    loadScenario(store, SMALL_SCENARIO_INPUT);
    for (const scenario of await loadBuiltinScenarios()) loadScenario(store, scenario);
  });
  afterAll(() => store.close());

  it('is large enough to mean something', () => {
    expect(V1.length + V2.length).toBeGreaterThanOrEqual(150);
    expect(V2.length).toBeGreaterThanOrEqual(40);
    expect(MALFORMED.length).toBeGreaterThanOrEqual(60);
  });

  it.each(V1.map((item) => [item.line, item.text]))('1.0 line %i parses as 1.0', (_line, text) => {
    expect(parsed(text).dialect).toBe('s1ql-1.0');
  });

  it.each(V2.map((item) => [item.line, item.text]))('2.0 line %i parses as 2.0', (_line, text) => {
    expect(parsed(text).dialect).toBe('s1ql-2.0');
  });

  it('validates, lints, explains and formats every valid query to a fixed point', () => {
    for (const { text } of [...V1, ...V2]) {
      const query = parsed(text);
      expect(() => validateS1qlQuery(query)).not.toThrow();
      expect(Array.isArray(lintS1ql(query))).toBe(true);
      expect(explainS1ql(query)).toMatch(/^Events where .+\.$/s);

      const v1 = formatS1ql(query);
      expect(formatS1ql(parsed(v1, { dialect: '1.0' })), text).toBe(v1);
      const v2 = formatS1ql(query, { dialect: '2.0' });
      expect(formatS1ql(parsed(v2, { dialect: '2.0' }), { dialect: '2.0' }), text).toBe(v2);
    }
  });

  it('formats every 1.0 query to text that parses to the same tree', () => {
    for (const { text } of V1) {
      const query = parsed(text);
      expect(s1qlShape(parsed(formatS1ql(query), { dialect: '1.0' }).root), text).toEqual(
        s1qlShape(query.root),
      );
    }
  });

  it('runs every query, its canonical 1.0 and its 2.0 translation to the same events', () => {
    let matching = 0;
    for (const { text } of [...V1, ...V2]) {
      const query = parsed(text);
      const ids = run(query);
      if (ids.length > 0) matching += 1;
      const v1 = parsed(formatS1ql(query), { dialect: '1.0' });
      const v2 = parsed(formatS1ql(query, { dialect: '2.0' }), { dialect: '2.0' });
      expect(run(v1), text).toEqual(ids);
      expect(run(v2), text).toEqual(ids);
    }
    // Most hunts find something in the scenarios, so equal results are not all empty.
    expect(matching).toBeGreaterThanOrEqual(120);
  });

  it('folds case for 2.0 = and keeps it for ==', () => {
    const any = run(parsed("tgt.process.name = 'POWERSHELL.EXE'"));
    expect(any.length).toBeGreaterThan(0);
    expect(any).toEqual(run(parsed('TgtProcName In Anycase ("powershell.exe")')));
    expect(run(parsed("tgt.process.name == 'POWERSHELL.EXE'"))).toEqual([]);
  });

  it('runs 2.0 queries through the simulator Deep Visibility endpoint', () => {
    for (const { text } of V2) {
      const row = createDvQuery(store, {
        query: text,
        fromMs: 0,
        toMs: Date.UTC(2100, 0, 1),
        limit: 10_000,
        userId: null,
        runningMs: 0,
        ttlMs: 60_000,
      });
      expect(row.error, text).toBeNull();
      expect(row.result_count, text).toBe(run(parsed(text)).length);
    }
  });

  it.each(MALFORMED.map((item) => [item.query, item]))('rejects %s exactly', (_text, item) => {
    const result = parseS1ql(item.query, item.dialect ? { dialect: item.dialect } : {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toBe(item.error);
    const [, line, column] = /^line (\d+), column (\d+): /.exec(item.error) ?? [];
    expect([result.error.line, result.error.column]).toEqual([Number(line), Number(column)]);
  });
});
