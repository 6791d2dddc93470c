import type { S1qlQuery } from './ast.ts';
import { type S1qlErrorData, S1qlSyntaxError } from './s1ql-syntax-error.ts';
import { parseS1qlV1 } from './v1/parse-s1ql-v1.ts';
import { parseS1qlV2 } from './v2/parse-s1ql-v2.ts';
import { assertS1qlParamBudget } from './validate/assert-s1ql-param-budget.ts';

const V2_ONLY_CHARACTERS = new Set(["'", '*', ':', '|', '/', '!']);

export type S1qlParseResult =
  | { readonly ok: true; readonly query: S1qlQuery }
  | { readonly ok: false; readonly error: S1qlErrorData };

/** `auto` reads either language; the tree's `dialect` says which one the text was. */
export type S1qlInputDialect = '1.0' | '2.0' | 'auto';

export interface ParseS1qlOptions {
  readonly dialect?: S1qlInputDialect;
}

/**
 * Parses and checks an S1QL query; a bad query is an error value, not an exception.
 *
 * With `auto` (the default) text that reads as S1QL 2.0 is 2.0, which needs every field in
 * dotted form, and anything else is 1.0, so every 1.0 query keeps its 1.0 meaning. When
 * neither reads, the error is the one found furthest into the text.
 */
export function parseS1ql(text: string, options: ParseS1qlOptions = {}): S1qlParseResult {
  const dialect = options.dialect ?? 'auto';
  if (dialect === '1.0') return attempt(parseS1qlV1, text);
  if (dialect === '2.0') return attempt(parseS1qlV2, text);

  const v2 = attempt(parseS1qlV2, text);
  if (v2.ok) return v2;
  const v1 = attempt(parseS1qlV1, text);
  if (v1.ok) return v1;
  if (v2.error.offset !== v1.error.offset) return v2.error.offset > v1.error.offset ? v2 : v1;
  // On a tie 1.0 wins, unless what stopped it is 2.0 syntax such as a single quote.
  return V2_ONLY_CHARACTERS.has(text[v1.error.offset] ?? '') ? v2 : v1;
}

/** Parses, then refuses what parses but the engine could not run, so check agrees with run. */
function attempt(parse: (text: string) => S1qlQuery, text: string): S1qlParseResult {
  try {
    const query = parse(text);
    assertS1qlParamBudget(query.root);
    return { ok: true, query };
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return { ok: false, error: error.data };
    throw error;
  }
}
