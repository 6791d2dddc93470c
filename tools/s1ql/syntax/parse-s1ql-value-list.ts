import type { S1qlSpan, S1qlValue } from '../ast.ts';
import { describeToken } from '../v1/token.ts';
import { failAtToken } from './fail-at-token.ts';
import { parseS1qlValue, type S1qlValueWording } from './parse-s1ql-value.ts';
import type { S1qlTokenCursor } from './s1ql-token-cursor.ts';

/** Reads `(value, value, ...)` after the operator `after`; an empty list is refused. */
export function parseS1qlValueList(
  cursor: S1qlTokenCursor,
  after: string,
  wording: S1qlValueWording,
): { values: S1qlValue[]; close: S1qlSpan } {
  const open = cursor.peek();
  if (open.kind !== 'lparen') {
    failAtToken(`expected "(" after "${after}", found ${describeToken(open)}`, open, ['(']);
  }
  cursor.advance();

  const first = cursor.peek();
  if (first.kind === 'rparen') {
    failAtToken(`the list after "${after}" is empty; give at least one value`, first, [
      wording.expected[0],
    ]);
  }

  const values: S1qlValue[] = [];
  for (;;) {
    values.push(parseS1qlValue(cursor, values.length === 0 ? '(' : ',', wording));

    const separator = cursor.peek();
    cursor.advance();
    if (separator.kind === 'rparen') return { values, close: separator.span };
    if (separator.kind !== 'comma') {
      failAtToken(
        `expected "," or ")" in the list after "${after}", found ${describeToken(separator)}`,
        separator,
        [',', ')'],
      );
    }
  }
}
