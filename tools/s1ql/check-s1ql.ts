import type { S1qlQuery } from './ast.ts';
import { lintS1ql, type S1qlLintWarning } from './lint/lint-s1ql.ts';
import { type ParseS1qlOptions, parseS1ql } from './parse-s1ql.ts';
import type { S1qlErrorData } from './s1ql-syntax-error.ts';

export type S1qlCheck =
  | {
      readonly ok: true;
      readonly query: S1qlQuery;
      readonly warnings: readonly S1qlLintWarning[];
    }
  | { readonly ok: false; readonly error: S1qlErrorData };

/** Parses and validates a query (the parser checks types as it goes), then lints it. */
export function checkS1ql(text: string, options: ParseS1qlOptions = {}): S1qlCheck {
  const parsed = parseS1ql(text, options);
  if (!parsed.ok) return parsed;
  return { ok: true, query: parsed.query, warnings: lintS1ql(parsed.query) };
}
