import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isS1qlPredicate, type S1qlExpr } from '../ast.ts';
import { parseS1ql } from '../parse-s1ql.ts';
import { compileS1qlToSql } from './compile-s1ql-to-sql.ts';
import { s1qlSqlParamCount } from './s1ql-sql-param-count.ts';

function corpus(name: string): string[] {
  const content = readFileSync(new URL(`../corpus/${name}`, import.meta.url), 'utf8');
  return content.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

function counted(node: S1qlExpr): number {
  if (isS1qlPredicate(node)) return s1qlSqlParamCount(node);
  if (node.kind === 'not') return counted(node.operand);
  return node.operands.reduce((sum, operand) => sum + counted(operand), 0);
}

describe('s1qlSqlParamCount', () => {
  const queries = [
    ...corpus('valid-1.0.txt'),
    ...corpus('valid-2.0.txt'),
    'TgtFilePath StartsWithCIS "" OR TgtFilePath EndsWithCIS "É" OR TgtFilePath Contains ""',
    `TgtFilePath StartsWith "${String.fromCodePoint(0x10ffff)}"`,
    'SrcProcCmdLine RegExpCIS "a" AND EventTime Between "1" AND "2" AND SrcProcName Exists',
  ];

  it.each(queries)('counts what the compiler binds for %s', (text) => {
    const parsed = parseS1ql(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(counted(parsed.query.root)).toBe(compileS1qlToSql(parsed.query).params.length);
  });
});
