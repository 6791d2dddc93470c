import { MAX_S1QL_PREDICATES } from '../s1ql-limits.ts';
import type { S1qlToken } from '../v1/token.ts';
import { failAtToken } from './fail-at-token.ts';

/**
 * A parser's place in the token list, which always ends with an `end` token; reading past
 * the end keeps answering that token. It also counts the query's conditions, so both
 * dialects refuse a query at the same size.
 */
export class S1qlTokenCursor {
  #position = 0;
  #conditions = 0;
  readonly #tokens: readonly S1qlToken[];

  constructor(tokens: readonly S1qlToken[]) {
    this.#tokens = tokens;
  }

  peek(): S1qlToken {
    const token = this.#tokens[this.#position] ?? this.#tokens.at(-1);
    if (token === undefined) throw new Error('the tokenizer always ends with an end token');
    return token;
  }

  /** The token `offset` places after the current one, if there is one. */
  ahead(offset: number): S1qlToken | undefined {
    return this.#tokens[this.#position + offset];
  }

  advance(): void {
    if (this.#position < this.#tokens.length - 1) this.#position += 1;
  }

  /** Moves past `count` tokens already looked at with `ahead`. */
  skip(count: number): void {
    this.#position += count;
  }

  /** Adds the conditions `token` stands for and refuses the query once there are too many. */
  countConditions(token: S1qlToken, conditions: number): void {
    this.#conditions += conditions;
    if (this.#conditions > MAX_S1QL_PREDICATES) {
      failAtToken(
        `the query has more than ${MAX_S1QL_PREDICATES} conditions; ` +
          'split it into smaller queries',
        token,
      );
    }
  }
}
