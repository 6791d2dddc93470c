import type { S1qlExpr } from '../ast.ts';
import { MAX_S1QL_NESTING } from '../s1ql-limits.ts';
import { describeToken, isKeyword, type S1qlToken } from '../v1/token.ts';
import { coverSpans } from './cover-spans.ts';
import { failAtToken } from './fail-at-token.ts';
import type { S1qlTokenCursor } from './s1ql-token-cursor.ts';

/** Where the two dialects' AND, OR and NOT differ. */
export interface S1qlConnectives {
  /** How messages spell the keywords: 1.0 documents them in capitals, 2.0 in lower case. */
  readonly spelling: { readonly and: string; readonly or: string; readonly not: string };
  /** 2.0 joins conditions written side by side with AND; 1.0 wants the keyword. */
  readonly adjacentMeansAnd: boolean;
}

export interface ParseS1qlExpressionInput {
  readonly cursor: S1qlTokenCursor;
  readonly connectives: S1qlConnectives;
  /** Reads one condition starting at `field`, a word that is not a connective. */
  readonly parsePredicate: (field: S1qlToken) => S1qlExpr;
}

/**
 * Reads a whole query: conditions joined by AND and OR, negated by NOT (or 2.0's `!`) and
 * grouped by parentheses, with NOT binding tighter than AND and AND tighter than OR.
 */
export function parseS1qlExpression({
  cursor,
  connectives,
  parsePredicate,
}: ParseS1qlExpressionInput): S1qlExpr {
  const { and, or, not } = connectives.spelling;
  let depth = 0;

  const enter = (token: S1qlToken): void => {
    depth += 1;
    if (depth > MAX_S1QL_NESTING) {
      failAtToken(
        `the query nests parentheses or ${not} more than ${MAX_S1QL_NESTING} levels deep`,
        token,
      );
    }
  };

  const joinsAnd = (token: S1qlToken): boolean => {
    if (isKeyword(token, 'and')) {
      cursor.advance();
      return true;
    }
    return connectives.adjacentMeansAnd && startsCondition(token);
  };

  const parseOr = (): S1qlExpr => {
    const operands = [parseAnd()];
    while (isKeyword(cursor.peek(), 'or')) {
      cursor.advance();
      operands.push(parseAnd());
    }
    return chain('or', operands);
  };

  const parseAnd = (): S1qlExpr => {
    const operands = [parseUnary()];
    while (joinsAnd(cursor.peek())) operands.push(parseUnary());
    return chain('and', operands);
  };

  const parseUnary = (): S1qlExpr => {
    const token = cursor.peek();
    if (!isNegation(token)) return parsePrimary();

    cursor.advance();
    enter(token);
    const operand = parseUnary();
    depth -= 1;
    return { kind: 'not', operand, span: coverSpans(token.span, operand.span) };
  };

  const parsePrimary = (): S1qlExpr => {
    const open = cursor.peek();
    if (open.kind !== 'lparen') return parseField();

    cursor.advance();
    enter(open);
    const inner = parseOr();
    depth -= 1;

    const close = cursor.peek();
    if (close.kind !== 'rparen') {
      const where = `line ${open.span.line}, column ${open.span.column}`;
      failAtToken(
        `expected ${and}, ${or} or ")" to close the "(" at ${where}, ` +
          `found ${describeToken(close)}`,
        close,
        [and, or, ')'],
      );
    }
    cursor.advance();
    return { ...inner, span: coverSpans(open.span, close.span), parenthesized: true };
  };

  const parseField = (): S1qlExpr => {
    const token = cursor.peek();
    if (token.kind !== 'word' || isKeyword(token, 'and') || isKeyword(token, 'or')) {
      failAtToken(`expected a field name, "(" or ${not}, found ${describeToken(token)}`, token, [
        'field name',
        '(',
        not,
      ]);
    }
    return parsePredicate(token);
  };

  const root = parseOr();

  const next = cursor.peek();
  if (next.kind === 'rparen') failAtToken('found ")" without a matching "("', next);
  if (next.kind !== 'end') {
    const condition = connectives.adjacentMeansAnd ? ', a condition' : '';
    failAtToken(
      `expected ${and}, ${or}${condition} or end of query, found ${describeToken(next)}`,
      next,
      [and, or, 'end of query'],
    );
  }
  return root;
}

/** Only the 2.0 tokenizer yields `!`, so 1.0 is negated by NOT alone. */
function isNegation(token: S1qlToken): boolean {
  return token.kind === 'bang' || isKeyword(token, 'not');
}

function startsCondition(token: S1qlToken): boolean {
  if (token.kind === 'lparen' || token.kind === 'bang') return true;
  return token.kind === 'word' && !isKeyword(token, 'or');
}

function chain(kind: 'and' | 'or', operands: S1qlExpr[]): S1qlExpr {
  const first = operands[0];
  const last = operands.at(-1);
  if (first === undefined || last === undefined) throw new Error('a chain needs an operand');
  if (operands.length === 1) return first;
  return { kind, operands, span: coverSpans(first.span, last.span) };
}
