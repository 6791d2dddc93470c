import type { S1qlExpr, S1qlQuery } from '../ast.ts';
import { MAX_S1QL_QUERY_LENGTH } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { createSourceLocator } from '../v1/source-locator.ts';
import type { S1qlToken } from '../v1/token.ts';
import { parseS1qlExpression, type S1qlConnectives } from './parse-s1ql-expression.ts';
import { S1qlTokenCursor } from './s1ql-token-cursor.ts';

/** What one dialect reads its own way: conditions, which the shared grammar joins. */
export interface S1qlPredicateParser {
  /** Reads one condition starting at `field`, a word that is not a connective. */
  parse(field: S1qlToken): S1qlExpr;
}

export interface ParseS1qlDialectInput {
  readonly text: string;
  readonly dialect: S1qlQuery['dialect'];
  readonly tokenize: (text: string) => readonly S1qlToken[];
  readonly connectives: S1qlConnectives;
  /** Made once per query, on the cursor the whole parse shares. */
  readonly createPredicateParser: (cursor: S1qlTokenCursor) => S1qlPredicateParser;
}

/** Parses a query in one dialect; too long a text is refused before any of it is read. */
export function parseS1qlDialect(input: ParseS1qlDialectInput): S1qlQuery {
  const { text, dialect, tokenize, connectives, createPredicateParser } = input;
  if (text.length > MAX_S1QL_QUERY_LENGTH) {
    // Only the allowed part is scanned for lines, so the refusal costs no more than a query.
    const locator = createSourceLocator(text.slice(0, MAX_S1QL_QUERY_LENGTH));
    throw new S1qlSyntaxError({
      reason:
        `the query is ${text.length} characters long; ` +
        `at most ${MAX_S1QL_QUERY_LENGTH} are allowed, so split it into smaller queries`,
      at: locator.span(MAX_S1QL_QUERY_LENGTH, text.length),
    });
  }

  const cursor = new S1qlTokenCursor(tokenize(text));
  const predicates = createPredicateParser(cursor);
  const root = parseS1qlExpression({
    cursor,
    connectives,
    parsePredicate: (field) => predicates.parse(field),
  });
  return { dialect, text, root };
}
