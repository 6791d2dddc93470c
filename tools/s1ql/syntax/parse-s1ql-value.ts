import type { S1qlValue } from '../ast.ts';
import { describeToken } from '../v1/token.ts';
import { failAtToken } from './fail-at-token.ts';
import type { S1qlTokenCursor } from './s1ql-token-cursor.ts';

/** How a dialect names the values it takes, in its error messages. */
export interface S1qlValueWording {
  /** Completes "expected ... after": `a value in double quotes`. */
  readonly wanted: string;
  /** Offered as what would have been accepted; the first also names a list's items. */
  readonly expected: readonly [string, ...string[]];
}

/** Reads a quoted string, a number or a bare true/false after the text `after`. */
export function parseS1qlValue(
  cursor: S1qlTokenCursor,
  after: string,
  wording: S1qlValueWording,
): S1qlValue {
  const token = cursor.peek();
  const bareBoolean = token.kind === 'word' && /^(true|false)$/i.test(token.raw);
  if (token.kind !== 'string' && token.kind !== 'number' && !bareBoolean) {
    failAtToken(
      `expected ${wording.wanted} after "${after}", found ${describeToken(token)}`,
      token,
      wording.expected,
    );
  }
  cursor.advance();
  return { text: token.value, quoted: token.kind === 'string', span: token.span };
}
