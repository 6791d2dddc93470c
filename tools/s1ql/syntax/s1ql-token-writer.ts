import { createSourceLocator, type SourceLocator } from '../v1/source-locator.ts';
import type { S1qlToken, S1qlTokenKind } from '../v1/token.ts';

/** Collects a tokenizer's tokens from left to right, each spanning the text it was read from. */
export class S1qlTokenWriter {
  /** Where the next token starts; a tokenizer moves it forward past what it skips. */
  offset = 0;
  readonly locator: SourceLocator;
  readonly #text: string;
  readonly #tokens: S1qlToken[] = [];

  constructor(text: string) {
    this.#text = text;
    this.locator = createSourceLocator(text);
  }

  /** Adds the token from `offset` to `end`; `value` is a string's decoded content. */
  push(kind: S1qlTokenKind, end: number, value?: string): void {
    const raw = this.#text.slice(this.offset, end);
    this.#tokens.push({
      kind,
      raw,
      value: value ?? raw,
      span: this.locator.span(this.offset, end),
    });
    this.offset = end;
  }

  /** The tokens read, closed by the `end` token every parser stops at. */
  finish(): S1qlToken[] {
    const end = this.#text.length;
    this.#tokens.push({ kind: 'end', raw: '', value: '', span: this.locator.span(end, end) });
    return this.#tokens;
  }
}
