import type { S1qlQuery } from './ast.ts';
import { type ParseS1qlOptions, parseS1ql } from './parse-s1ql.ts';
import { type S1qlErrorData, S1qlSyntaxError } from './s1ql-syntax-error.ts';
import {
  type CompileS1qlToSqlOptions,
  compileValidatedS1qlToSql,
  type S1qlSqlParam,
} from './sql/compile-s1ql-to-sql.ts';

export type CompileS1qlResult =
  | {
      readonly ok: true;
      readonly sql: string;
      readonly params: S1qlSqlParam[];
      readonly query: S1qlQuery;
    }
  | { readonly ok: false; readonly error: S1qlErrorData };

export type CompileS1qlOptions = CompileS1qlToSqlOptions & ParseS1qlOptions;

/**
 * Parses S1QL text (1.0 or 2.0, see parseS1ql) and compiles it to a SQLite WHERE fragment,
 * or returns the error.
 */
export function compileS1ql(text: string, options: CompileS1qlOptions = {}): CompileS1qlResult {
  const parsed = parseS1ql(text, options);
  if (!parsed.ok) return parsed;

  try {
    // parseS1ql validated the tree as it built it, so it is not walked again here.
    const { sql, params } = compileValidatedS1qlToSql(parsed.query, options);
    return { ok: true, sql, params, query: parsed.query };
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return { ok: false, error: error.data };
    throw error;
  }
}
