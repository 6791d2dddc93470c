import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerS1qlSqlFunctions } from './register-s1ql-sql-functions.ts';

describe('registerS1qlSqlFunctions', () => {
  const db = new Database(':memory:');
  registerS1qlSqlFunctions(db);
  const regexp = db.prepare('SELECT s1ql_regexp(?, ?, ?) AS hit');

  it('returns 1 when the pattern matches anywhere in the value', () => {
    expect(regexp.get('cmd /c whoami', 'who', '')).toEqual({ hit: 1 });
  });

  it('returns 0 when it does not', () => {
    expect(regexp.get('cmd /c whoami', '^who', '')).toEqual({ hit: 0 });
  });

  it('honours flags', () => {
    expect(regexp.get('PowerShell', 'powershell', '')).toEqual({ hit: 0 });
    expect(regexp.get('PowerShell', 'powershell', 'i')).toEqual({ hit: 1 });
  });

  it('returns 0, not NULL, for a NULL value', () => {
    expect(regexp.get(null, '.*', '')).toEqual({ hit: 0 });
  });

  it('matches numbers by their text', () => {
    expect(regexp.get(3389, '^33', '')).toEqual({ hit: 1 });
  });

  it('reuses compiled patterns across rows', () => {
    db.exec('CREATE TABLE t (v TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 500; i += 1) insert.run(`value${i}`);
    const row = db.prepare("SELECT sum(s1ql_regexp(v, '[05]$', '')) AS n FROM t").get();
    expect(row).toEqual({ n: 100 });
  });

  it('folds case for all of Unicode with s1ql_fold, passing NULL through', () => {
    const fold = db.prepare('SELECT s1ql_fold(?) AS folded');
    expect(fold.get('ÉCOLE.EXE')).toEqual({ folded: 'école.exe' });
    expect(fold.get('ПРИВЕТ')).toEqual({ folded: 'привет' });
    expect(fold.get(null)).toEqual({ folded: null });
  });

  it('can be registered twice on one connection', () => {
    registerS1qlSqlFunctions(db);
    expect(regexp.get('abc', 'b', '')).toEqual({ hit: 1 });
  });

  it('raises a SQLite error for an invalid pattern written by hand', () => {
    expect(() => regexp.get('abc', '(', '')).toThrow('Invalid regular expression');
  });

  it('raises a SQLite error for a pattern RE2 cannot run, instead of backtracking', () => {
    expect(() => regexp.get('abc', 'a(?=b)', '')).toThrow(
      'Invalid regular expression for s1ql_regexp: RE2 has no lookahead ("(?=")',
    );
  });

  it('answers the backtracking bomb ^(.|.)*!!!$ at once on a 30-character value', () => {
    expect(regexp.get('cmd.exe /c whoami /all /fo csv', '^(.|.)*!!!$', '')).toEqual({ hit: 0 });
  });

  it('runs the backtracking bomb ^(.|.)*!!!$ over a long value in linear time', () => {
    const long = 'a'.repeat(200_000);
    expect(regexp.get(long, '^(.|.)*!!!$', '')).toEqual({ hit: 0 });
    expect(regexp.get(`${long}!!!`, '^(.|.)*!!!$', '')).toEqual({ hit: 1 });
  });

  it('reads inline flags anywhere in the pattern, as RE2 does', () => {
    expect(regexp.get('Invoke-Mimikatz', 'invoke-(?i)MIMIKATZ', '')).toEqual({ hit: 0 });
    expect(regexp.get('invoke-Mimikatz', 'invoke-(?i)MIMIKATZ', '')).toEqual({ hit: 1 });
  });
});
