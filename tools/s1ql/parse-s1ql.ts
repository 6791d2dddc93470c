import type { S1qlQuery } from './ast.ts';
import { type S1qlErrorData, S1qlSyntaxError } from './s1ql-syntax-error.ts';
import { parseS1qlV1 } from './v1/parse-s1ql-v1.ts';

export type S1qlParseResult =
  | { readonly ok: true; readonly query: S1qlQuery }
  | { readonly ok: false; readonly error: S1qlErrorData };

/** Parses and checks an S1QL 1.0 query; a bad query is an error value, not an exception. */
export function parseS1ql(text: string): S1qlParseResult {
  try {
    return { ok: true, query: parseS1qlV1(text) };
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return { ok: false, error: error.data };
    throw error;
  }
}
