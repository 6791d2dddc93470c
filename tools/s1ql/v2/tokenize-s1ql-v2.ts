import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { createSourceLocator, type SourceLocator } from '../v1/source-locator.ts';
import type { S1qlToken, S1qlTokenKind } from '../v1/token.ts';

const WHITESPACE = /\s/;
const WORD = /[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z]+)?/y;
const BARE_VALUE = /-?[0-9][0-9A-Za-z_.:+-]*/y;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const TYPOGRAPHIC_QUOTES = new Set(['“', '”', '„', '‘', '’', '«', '»']);

/** What a backslash followed by each character means inside a 2.0 string. */
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"' };

/**
 * Splits S1QL 2.0 (Event Search filter) text into tokens, ending with an `end` token.
 * Strings take single or double quotes and a backslash escapes a backslash or a quote; a
 * backslash before anything else stays, as published queries rely on (`"Windows\Run"`).
 * `//` starts a comment to the end of the line.
 */
export function tokenizeS1qlV2(text: string): S1qlToken[] {
  const locator = createSourceLocator(text);
  const tokens: S1qlToken[] = [];
  let offset = 0;
  const push = (kind: S1qlTokenKind, end: number, value?: string): void => {
    const raw = text.slice(offset, end);
    tokens.push({ kind, raw, value: value ?? raw, span: locator.span(offset, end) });
    offset = end;
  };
  const fail = (reason: string, length = 1): never => {
    throw new S1qlSyntaxError({ reason, at: locator.span(offset, offset + length) });
  };

  while (offset < text.length) {
    const char = text[offset] ?? '';
    const next = text[offset + 1] ?? '';

    if (WHITESPACE.test(char)) {
      offset += 1;
    } else if (char === '/' && next === '/') {
      const newline = text.indexOf('\n', offset);
      offset = newline === -1 ? text.length : newline + 1;
    } else if (char === '(' || char === ')' || char === ',' || char === '*') {
      const kinds = { '(': 'lparen', ')': 'rparen', ',': 'comma', '*': 'star' } as const;
      push(kinds[char], offset + 1);
    } else if (char === "'" || char === '"') {
      const { end, value } = readString(text, offset, locator);
      push('string', end, value);
    } else if (char === '!' && next !== '=') {
      push('bang', offset + 1);
    } else if ('=!<>'.includes(char)) {
      push('comparator', offset + readComparator(text, offset, locator));
    } else if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(next))) {
      BARE_VALUE.lastIndex = offset;
      const raw = BARE_VALUE.exec(text)?.[0] ?? char;
      if (!NUMBER.test(raw)) fail(`the value ${raw} must be in quotes ('${raw}')`, raw.length);
      push('number', offset + raw.length);
    } else if (/[A-Za-z_]/.test(char)) {
      WORD.lastIndex = offset;
      push('word', offset + (WORD.exec(text)?.[0].length ?? 1));
    } else if (char === '|') {
      fail(
        'PowerQuery commands after "|" are not supported here; give only the filter part ' +
          'of the query',
      );
    } else {
      const found = String.fromCodePoint(text.codePointAt(offset) ?? 0);
      const hint = TYPOGRAPHIC_QUOTES.has(found)
        ? '; put values in straight quotes (\' or ")'
        : found === '&'
          ? '; write and between conditions'
          : '';
      fail(`unexpected character "${found}"${hint}`, found.length);
    }
  }

  tokens.push({ kind: 'end', raw: '', value: '', span: locator.span(text.length, text.length) });
  return tokens;
}

function readString(
  text: string,
  open: number,
  locator: SourceLocator,
): { end: number; value: string } {
  const quote = text[open];
  let value = '';
  for (let index = open + 1; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (char === quote) return { end: index + 1, value };
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1] ?? '';
      value += ESCAPES[next] ?? `\\${next}`;
      index += 1;
    } else {
      value += char;
    }
  }
  throw new S1qlSyntaxError({
    reason:
      `unterminated string: this ${quote === "'" ? 'single' : 'double'} quote ` +
      'has no closing quote',
    at: locator.span(open, open + 1),
  });
}

function readComparator(text: string, offset: number, locator: SourceLocator): number {
  const pair = text.slice(offset, offset + 2);
  if (pair === '==' || pair === '!=' || pair === '<=' || pair === '>=') return 2;
  const hints: Record<string, string> = { '<>': '!=', '=<': '<=', '=>': '>=' };
  const hint = hints[pair];
  if (hint !== undefined) {
    throw new S1qlSyntaxError({
      reason: `"${pair}" is not an S1QL 2.0 operator; use ${hint}`,
      at: locator.span(offset, offset + 2),
      expected: [hint],
    });
  }
  return 1;
}
