import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { S1qlComparison, S1qlInList, S1qlQuery } from '../ast.ts';
import { FIELDS } from '../fields.ts';
import { parseS1ql } from '../parse-s1ql.ts';
import { MAX_S1QL_PREDICATES, MAX_S1QL_SQL_PARAMS } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { compileS1qlToSql } from './compile-s1ql-to-sql.ts';
import { foldedColumnSql } from './folded-column-sql.ts';
import { registerS1qlSqlFunctions } from './register-s1ql-sql-functions.ts';
import { S1qlCompileError } from './s1ql-compile-error.ts';

function query(text: string): S1qlQuery {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.query;
}

function compiled(text: string): { sql: string; params: (string | number)[] } {
  return compileS1qlToSql(query(text));
}

describe('compileS1qlToSql', () => {
  it('compiles text equality to an indexable IS comparison', () => {
    expect(compiled('TgtProcName = "cmd.exe"')).toEqual({
      sql: '"tgt_process_name" IS ?',
      params: ['cmd.exe'],
    });
    expect(compiled('TgtProcName != "cmd.exe"')).toEqual({
      sql: '"tgt_process_name" IS NOT ?',
      params: ['cmd.exe'],
    });
  });

  it('compares enum fields with COLLATE NOCASE and the catalogue spelling', () => {
    expect(compiled('ObjectType = "FILE"')).toEqual({
      sql: '"event_category" IS ? COLLATE NOCASE',
      params: ['file'],
    });
    expect(compiled('EventType In ("process creation", "File Creation")')).toEqual({
      sql: '("event_type" IS NOT NULL AND "event_type" COLLATE NOCASE IN (?, ?))',
      params: ['Process Creation', 'File Creation'],
    });
  });

  it('binds numbers, times in epoch ms and booleans as 0/1', () => {
    expect(compiled('DstPort >= "1024"')).toEqual({
      sql: '("dst_port_number" IS NOT NULL AND "dst_port_number" >= ?)',
      params: [1024],
    });
    expect(compiled('EventTime Between "2024-05-01T00:00:00Z" AND "1714608000000"')).toEqual({
      sql: '("event_time" IS NOT NULL AND "event_time" BETWEEN ? AND ?)',
      params: [1714521600000, 1714608000000],
    });
    expect(compiled('TgtFileIsExecutable = "TRUE"')).toEqual({
      sql: '"tgt_file_is_executable" IS ?',
      params: [1],
    });
    expect(compiled('TgtFileIsExecutable Is False').sql).toBe('"tgt_file_is_executable" IS 0');
  });

  it('compiles case-sensitive Contains with instr and the value untouched', () => {
    expect(compiled('SrcProcCmdLine Contains "100%_done"')).toEqual({
      sql: '("src_process_cmdline" IS NOT NULL AND instr("src_process_cmdline", ?) > 0)',
      params: ['100%_done'],
    });
  });

  it('compiles case-insensitive matches over the folded column with folded values', () => {
    const folded = foldedColumnSql('"tgt_file_path"');
    expect(compiled('TgtFilePath ContainsCIS "\\TEMP\\50%_Éx"')).toEqual({
      sql: `("tgt_file_path" IS NOT NULL AND instr(${folded}, ?) > 0)`,
      params: ['\\temp\\50%_éx'],
    });
    expect(compiled('TgtFilePath StartsWith Anycase "C:\\"')).toEqual({
      sql: `("tgt_file_path" IS NOT NULL AND ${folded} >= ? AND ${folded} < ?)`,
      params: ['c:\\', 'c:]'],
    });
    expect(compiled('TgtFilePath EndsWithCIS ".EXE"').params).toEqual([-4, '.exe']);
    expect(compiled('TgtFilePath = "ÉCOLE"').params).toEqual(['ÉCOLE']);
  });

  it('compiles a case-sensitive prefix to an index range', () => {
    expect(compiled('TgtFilePath StartsWith "C:\\Users\\"')).toEqual({
      sql: '("tgt_file_path" IS NOT NULL AND "tgt_file_path" >= ? AND "tgt_file_path" < ?)',
      params: ['C:\\Users\\', 'C:\\Users]'],
    });
  });

  it('compiles a case-sensitive suffix with a code point count', () => {
    expect(compiled('TgtFilePath EndsWith "😀.txt"')).toEqual({
      sql: '("tgt_file_path" IS NOT NULL AND substr("tgt_file_path", ?) = ?)',
      params: [-5, '😀.txt'],
    });
  });

  it('compiles an empty case-sensitive needle to a presence test', () => {
    expect(compiled('TgtFilePath Contains ""').sql).toBe('"tgt_file_path" IS NOT NULL');
  });

  it('compiles RegExp to the registered function, inline flags left for RE2', () => {
    expect(compiled('SrcProcCmdLine RegExp "(?i)-enc\\s"')).toEqual({
      sql: 's1ql_regexp("src_process_cmdline", ?, ?)',
      params: ['(?i)-enc\\s', ''],
    });
    expect(compiled('SrcProcCmdLine RegExpCIS "(?s)a.b"').params).toEqual(['(?s)a.b', 'i']);
  });

  it('negates with NOT around the positive form', () => {
    expect(compiled('SrcProcName Does Not ContainCIS "X"')).toEqual({
      sql:
        'NOT (("src_process_name" IS NOT NULL AND ' +
        `instr(${foldedColumnSql('"src_process_name"')}, ?) > 0))`,
      params: ['x'],
    });
    expect(compiled('SrcProcName Not In ("a")').sql).toBe(
      'NOT (("src_process_name" IS NOT NULL AND "src_process_name" IN (?)))',
    );
    expect(compiled('NOT SrcProcName Exists').sql).toBe('NOT ("src_process_name" IS NOT NULL)');
  });

  it('compiles presence operators', () => {
    expect(compiled('SrcProcName Exists').sql).toBe('"src_process_name" IS NOT NULL');
    expect(compiled('SrcProcName Is Empty').sql).toBe(
      `("src_process_name" IS NULL OR "src_process_name" = '')`,
    );
    expect(compiled('SrcProcName Is Not Empty').sql).toBe(
      `NOT (("src_process_name" IS NULL OR "src_process_name" = ''))`,
    );
  });

  it('compiles In Anycase and 2.0 = on a text field over the folded column', () => {
    const folded = foldedColumnSql('"src_process_name"');
    expect(compiled('SrcProcName In AnyCase ("a", "ПРИВЕТ")')).toEqual({
      sql: `("src_process_name" IS NOT NULL AND ${folded} IN (?, ?))`,
      params: ['a', 'привет'],
    });
    expect(compiled("src.process.name = 'ÉCOLE.EXE'")).toEqual({
      sql: `${folded} IS ?`,
      params: ['école.exe'],
    });
  });

  it('compiles In Contains to a balanced OR of substring tests', () => {
    expect(compiled('SrcProcName In Contains ("a", "b", "c")')).toEqual({
      sql:
        '("src_process_name" IS NOT NULL AND ((instr("src_process_name", ?) > 0 OR ' +
        'instr("src_process_name", ?) > 0) OR instr("src_process_name", ?) > 0))',
      params: ['a', 'b', 'c'],
    });
  });

  it('keeps values out of the SQL text', () => {
    const { sql, params } = compiled('SrcProcName = "x\'); DROP TABLE events; --"');
    expect(sql).toBe('"src_process_name" IS ?');
    expect(params).toEqual(["x'); DROP TABLE events; --"]);
  });

  it('maps columns through columnFor, with a table qualifier', () => {
    const result = compileS1qlToSql(query('SrcIP = "1" AND DstPort > 3'), {
      columnFor: (field) => `e.${field.column}`,
    });
    expect(result.sql).toBe(
      '("e"."src_ip_address" IS ? AND ("e"."dst_port_number" IS NOT NULL AND ' +
        '"e"."dst_port_number" > ?))',
    );
  });

  it('refuses a columnFor result that is not a plain identifier', () => {
    const attempt = () =>
      compileS1qlToSql(query('SrcIP = "1"'), { columnFor: () => 'x; DROP TABLE events' });
    expect(attempt).toThrow(S1qlCompileError);
    expect(attempt).toThrow(
      'columnFor returned "x; DROP TABLE events" for SrcIP; expected a column name, ' +
        'optionally qualified by a table name',
    );
  });

  it('takes column names from the catalogue, not from the tree', () => {
    const parsed = query('SrcIP = "1"');
    const root = parsed.root as S1qlComparison;
    const forged: S1qlQuery = {
      ...parsed,
      root: { ...root, field: { ...root.field, def: { ...root.field.def, column: 'x; --' } } },
    };
    expect(compileS1qlToSql(forged).sql).toBe('"src_ip_address" IS ?');
  });

  it('rejects a tree whose field is not in the catalogue', () => {
    const parsed = query('SrcIP = "1"');
    const root = parsed.root as S1qlComparison;
    const forged: S1qlQuery = {
      ...parsed,
      root: { ...root, field: { ...root.field, def: { ...root.field.def, v1: 'Nope' } } },
    };
    expect(() => compileS1qlToSql(forged)).toThrow('line 1, column 1: unknown field "SrcIP"');
  });

  it('checks an edited tree before compiling it', () => {
    const parsed = query('DstPort = "1"');
    const root = parsed.root as S1qlComparison;
    const edited: S1qlQuery = { ...parsed, root: { ...root, value: { ...root.value, text: 'x' } } };
    expect(() => compileS1qlToSql(edited)).toThrow(S1qlSyntaxError);
    expect(() => compileS1qlToSql(edited)).toThrow('DstPort takes a number, found "x"');
  });

  it('refuses a tree built without the parser that binds more values than SQLite can', () => {
    // Bare one-digit numbers, so the list stays within the query length limit.
    const values = Array.from({ length: MAX_S1QL_SQL_PARAMS }, (_, i) => `${i % 10}`);
    const parsed = query(`DstPort In (${values.join(',')})`);
    const root = parsed.root as S1qlInList;
    const last = root.values.at(-1);
    if (last === undefined) throw new Error('no values');
    const edited: S1qlQuery = { ...parsed, root: { ...root, values: [...root.values, last] } };
    expect(() => compileS1qlToSql(edited)).toThrow(
      `line 1, column ${last.span.column}: the query has more than ${MAX_S1QL_SQL_PARAMS} ` +
        'values, the most one query can bind; split it into smaller queries',
    );
  });
});

describe('compiled SQL on a real SQLite', () => {
  const db = new Database(':memory:');
  const columns = FIELDS.map((field) => {
    const type = field.type === 'string' || field.type === 'enum' ? 'TEXT' : 'INTEGER';
    return `"${field.column}" ${type}`;
  });
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, ${columns.join(', ')})`);
  registerS1qlSqlFunctions(db);
  db.exec('CREATE INDEX events_type ON events (event_type COLLATE NOCASE)');
  db.exec('CREATE INDEX events_tgt_path ON events (tgt_file_path)');
  db.exec(`CREATE INDEX events_tgt_path_folded ON events (${foldedColumnSql('tgt_file_path')})`);
  db.exec('CREATE INDEX events_time ON events (event_time)');

  const plan = (text: string): string => {
    const { sql, params } = compiled(text);
    const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM events WHERE ${sql}`).all(params);
    return (rows as { detail: string }[]).map((row) => row.detail).join(' | ');
  };

  it('serves enum equality and In from a NOCASE index', () => {
    expect(plan('EventType = "Login"')).toBe(
      'SEARCH events USING COVERING INDEX events_type (event_type=?)',
    );
    expect(plan('EventType In ("Login", "Logout")')).toBe(
      'SEARCH events USING COVERING INDEX events_type (event_type=?)',
    );
  });

  it('serves text equality and prefixes from an index', () => {
    expect(plan('TgtFilePath = "C:\\x"')).toBe(
      'SEARCH events USING COVERING INDEX events_tgt_path (tgt_file_path=?)',
    );
    expect(plan('TgtFilePath StartsWith "C:\\Users\\"')).toBe(
      'SEARCH events USING COVERING INDEX events_tgt_path (tgt_file_path>? AND tgt_file_path<?)',
    );
    expect(plan('TgtFilePath StartsWithCIS "c:\\users\\"')).toBe(
      'SEARCH events USING INDEX events_tgt_path_folded (<expr>>? AND <expr><?)',
    );
    expect(plan('TgtFilePath In Anycase ("C:\\X", "c:\\Y")')).toBe(
      'SEARCH events USING INDEX events_tgt_path_folded (<expr>=?)',
    );
  });

  it('serves time ranges from an index', () => {
    expect(plan('EventTime Between "2024-05-01" AND "2024-05-02"')).toBe(
      'SEARCH events USING COVERING INDEX events_time (event_time>? AND event_time<?)',
    );
  });

  it("runs an In Contains list longer than SQLite's expression depth limit", () => {
    const values = Array.from({ length: 3000 }, (_, i) => `"needle${i}"`);
    const { sql, params } = compiled(`TgtFilePath In Contains (${values.join(', ')})`);
    expect(db.prepare(`SELECT count(*) AS n FROM events WHERE ${sql}`).get(params)).toEqual({
      n: 0,
    });
  });

  it('runs 1500 ORed conditions', () => {
    const terms = Array.from({ length: 1500 }, (_, i) => `SrcIP = "10.0.${i}"`);
    const { sql, params } = compiled(terms.join(' OR '));
    expect(db.prepare(`SELECT count(*) AS n FROM events WHERE ${sql}`).get(params)).toEqual({
      n: 0,
    });
  });

  it('compiles and runs the longest AND chain allowed over a small table', () => {
    const rows = db.prepare('INSERT INTO events (tgt_file_path) VALUES (?)');
    for (const path of ['C:\\a\\x.exe', 'C:\\b\\y.dll', 'a']) rows.run(path);
    const text = Array.from({ length: MAX_S1QL_PREDICATES }, () => 'TgtFilePath Contains "a"');
    const { sql, params } = compiled(text.join(' AND '));

    expect(sql.startsWith('('.repeat(12))).toBe(true);
    expect(sql.startsWith('('.repeat(14))).toBe(false);
    const count = db.prepare(`SELECT count(*) AS n FROM events WHERE ${sql}`).get(params);
    expect(count).toEqual({ n: 2 });
    db.exec('DELETE FROM events');
  });
});

describe('query size limits', () => {
  const errorOf = (text: string) => {
    const result = parseS1ql(text);
    return result.ok ? undefined : result.error;
  };

  it("refuses the tester's 20,000-condition AND chain instead of planning it for 26 s", () => {
    const text = Array.from({ length: 20_000 }, () => 'TgtProcName Contains "a"').join(' AND ');
    expect(errorOf(text)).toMatchObject({
      message:
        `line 1, column 100001: the query is ${text.length} characters long; ` +
        'at most 100000 are allowed, so split it into smaller queries',
      offset: 100_000,
    });
  });

  it("refuses the tester's 30,000-condition OR chain", () => {
    const text = Array.from({ length: 30_000 }, () => 'TgtProcName = "a"').join(' OR ');
    expect(errorOf(text)?.message).toMatch(/^line 1, column 100001: the query is \d+ characters/);
  });

  it('refuses more conditions than the limit, at the first one too many', () => {
    const text = Array.from({ length: MAX_S1QL_PREDICATES + 1 }, () => 'DstPort = 1').join(' OR ');
    expect(errorOf(text)).toMatchObject({
      message:
        `line 1, column ${MAX_S1QL_PREDICATES * 'DstPort = 1 OR '.length + 1}: ` +
        'the query has more than 2000 conditions; split it into smaller queries',
      length: 'DstPort'.length,
    });
  });

  it('refuses a tree built without the parser that has too many conditions', () => {
    const one = query('DstPort = 1').root;
    const root = { kind: 'and' as const, operands: Array(2001).fill(one), span: one.span };
    expect(() => compileS1qlToSql({ dialect: 's1ql-1.0', text: '', root })).toThrow(
      'line 1, column 1: the query has more than 2000 conditions; split it into smaller queries',
    );
  });
});
