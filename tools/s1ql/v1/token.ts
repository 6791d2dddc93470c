import type { S1qlSpan } from '../ast.ts';

export type S1qlTokenKind =
  | 'word'
  | 'string'
  | 'number'
  | 'comparator'
  | 'lparen'
  | 'rparen'
  | 'comma'
  /** S1QL 2.0 only: `*` in `field = *`, and `!` before a condition. */
  | 'star'
  | 'bang'
  | 'end';

export interface S1qlToken {
  readonly kind: S1qlTokenKind;
  /** The source text of the token, quotes included for strings. */
  readonly raw: string;
  /** For strings the decoded content; otherwise the same as `raw`. */
  readonly value: string;
  readonly span: S1qlSpan;
}

const SHOWN_STRING_LENGTH = 40;

/** How an error message names the token it found instead of what it expected. */
export function describeToken(token: S1qlToken): string {
  switch (token.kind) {
    case 'end':
      return 'end of query';
    case 'string': {
      const shown =
        token.value.length > SHOWN_STRING_LENGTH
          ? `${token.value.slice(0, SHOWN_STRING_LENGTH)}…`
          : token.value;
      return `the string "${shown}"`;
    }
    case 'number':
      return `the number ${token.raw}`;
    default:
      return `"${token.raw}"`;
  }
}

/** Whether the token is the keyword, which both dialects read in any case. */
export function isKeyword(token: S1qlToken, keyword: string): boolean {
  return token.kind === 'word' && token.raw.toLowerCase() === keyword;
}
