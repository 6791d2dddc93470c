import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import type { S1qlToken } from '../v1/token.ts';

/** Stops a parse with the problem pointed at the token that showed it. */
export function failAtToken(reason: string, token: S1qlToken, expected?: readonly string[]): never {
  throw new S1qlSyntaxError({ reason, at: token.span, ...(expected ? { expected } : {}) });
}
