import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { S1qlTokenWriter } from '../syntax/s1ql-token-writer.ts';
import type { SourceLocator } from '../v1/source-locator.ts';
import type { S1qlToken } from '../v1/token.ts';

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
  const writer = new S1qlTokenWriter(text);
  const { locator } = writer;
  const fail = (reason: string, length = 1): never => {
    throw new S1qlSyntaxError({ reason, at: locator.span(writer.offset, writer.offset + length) });
  };

  while (writer.offset < text.length) {
    const char = text[writer.offset] ?? '';
    const next = text[writer.offset + 1] ?? '';

    if (WHITESPACE.test(char)) {
      writer.offset += 1;
    } else if (char === '/' && next === '/') {
      const newline = text.indexOf('\n', writer.offset);
      writer.offset = newline === -1 ? text.length : newline + 1;
    } else if (char === '(' || char === ')' || char === ',' || char === '*') {
      const kinds = { '(': 'lparen', ')': 'rparen', ',': 'comma', '*': 'star' } as const;
      writer.push(kinds[char], writer.offset + 1);
    } else if (char === "'" || char === '"') {
      const { end, value } = readString(text, writer.offset, locator);
      writer.push('string', end, value);
    } else if (char === '!' && next !== '=') {
      writer.push('bang', writer.offset + 1);
    } else if ('=!<>'.includes(char)) {
      writer.push('comparator', writer.offset + readComparator(text, writer.offset, locator));
    } else if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(next))) {
      BARE_VALUE.lastIndex = writer.offset;
      const raw = BARE_VALUE.exec(text)?.[0] ?? char;
      if (!NUMBER.test(raw)) fail(`the value ${raw} must be in quotes ('${raw}')`, raw.length);
      writer.push('number', writer.offset + raw.length);
    } else if (/[A-Za-z_]/.test(char)) {
      WORD.lastIndex = writer.offset;
      writer.push('word', writer.offset + (WORD.exec(text)?.[0].length ?? 1));
    } else if (char === '|') {
      fail(
        'PowerQuery commands after "|" are not supported here; give only the filter part ' +
          'of the query',
      );
    } else {
      const found = String.fromCodePoint(text.codePointAt(writer.offset) ?? 0);
      const hint = TYPOGRAPHIC_QUOTES.has(found)
        ? '; put values in straight quotes (\' or ")'
        : found === '&'
          ? '; write and between conditions'
          : '';
      fail(`unexpected character "${found}"${hint}`, found.length);
    }
  }

  return writer.finish();
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
