import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { S1qlTokenWriter } from '../syntax/s1ql-token-writer.ts';
import { OPERATOR_FIRST_WORDS } from './operator-phrases.ts';
import type { SourceLocator } from './source-locator.ts';
import type { S1qlToken } from './token.ts';

const WHITESPACE = /\s/;
const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_.]/;
const BARE_VALUE = /-?[0-9][0-9A-Za-z_.:+-]*/y;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const KEYWORD = /[A-Za-z]+/y;
const TYPOGRAPHIC_QUOTES = new Set(['“', '”', '„', '‘', '’', '«', '»']);

/** Words that may follow a closing quote: connectives and the first word of any operator. */
const CONTINUATION_WORDS = new Set(
  ['and', 'or', ...OPERATOR_FIRST_WORDS].map((word) => word.toLowerCase()),
);

/**
 * Splits S1QL 1.0 text into tokens, ending with an `end` token.
 *
 * Inside double quotes a backslash is literal, because published queries write Windows paths
 * unescaped and even end a value with one (`"\Users\Public\"`). A `\"` is read as an escaped
 * quote only when ending the string there would leave text no query could continue with.
 */
export function tokenizeS1ql(text: string): S1qlToken[] {
  const writer = new S1qlTokenWriter(text);
  const { locator } = writer;

  while (writer.offset < text.length) {
    const char = text[writer.offset] ?? '';
    const next = text[writer.offset + 1] ?? '';

    if (WHITESPACE.test(char)) {
      writer.offset += 1;
    } else if (char === '(') {
      writer.push('lparen', writer.offset + 1);
    } else if (char === ')') {
      writer.push('rparen', writer.offset + 1);
    } else if (char === ',') {
      writer.push('comma', writer.offset + 1);
    } else if (char === '"') {
      const { end, value } = readString(text, writer.offset, locator);
      writer.push('string', end, value);
    } else if (char === '=' || char === '!' || char === '<' || char === '>') {
      writer.push('comparator', writer.offset + readComparator(text, writer.offset, locator));
    } else if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(next))) {
      BARE_VALUE.lastIndex = writer.offset;
      const raw = BARE_VALUE.exec(text)?.[0] ?? char;
      if (!NUMBER.test(raw)) {
        throw new S1qlSyntaxError({
          reason: `the value ${raw} must be in double quotes ("${raw}")`,
          at: locator.span(writer.offset, writer.offset + raw.length),
        });
      }
      writer.push('number', writer.offset + raw.length);
    } else if (WORD_START.test(char)) {
      let end = writer.offset + 1;
      while (end < text.length && WORD_PART.test(text[end] ?? '')) end += 1;
      writer.push('word', end);
    } else {
      const found = String.fromCodePoint(text.codePointAt(writer.offset) ?? 0);
      throw new S1qlSyntaxError({
        reason: unexpectedCharacterReason(found),
        at: locator.span(writer.offset, writer.offset + found.length),
      });
    }
  }

  return writer.finish();
}

function readString(
  text: string,
  open: number,
  locator: SourceLocator,
): { end: number; value: string } {
  let value = '';
  let from = open + 1;

  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) {
      throw new S1qlSyntaxError({
        reason: 'unterminated string: this double quote has no closing quote',
        at: locator.span(open, open + 1),
      });
    }

    const escaped = text[quote - 1] === '\\' && !continuesAfterValue(text, quote + 1);
    if (!escaped) return { end: quote + 1, value: value + text.slice(from, quote) };

    value += `${text.slice(from, quote - 1)}"`;
    from = quote + 1;
  }
}

/** Whether a query could go on at `offset` if a string had just ended there. */
function continuesAfterValue(text: string, offset: number): boolean {
  let at = offset;
  while (at < text.length && WHITESPACE.test(text[at] ?? '')) at += 1;

  if (at === text.length) return true;
  const char = text[at];
  if (char === ')' || char === ',') return true;
  if (at === offset) return false;

  KEYWORD.lastIndex = at;
  const word = KEYWORD.exec(text)?.[0] ?? '';
  const after = text[at + word.length] ?? '';
  return CONTINUATION_WORDS.has(word.toLowerCase()) && !WORD_PART.test(after);
}

function readComparator(text: string, offset: number, locator: SourceLocator): number {
  const pair = text.slice(offset, offset + 2);
  if (pair === '!=' || pair === '<=' || pair === '>=') return 2;

  const hints: Record<string, string> = { '==': '=', '<>': '!=', '=<': '<=', '=>': '>=' };
  const hint = hints[pair];
  if (hint !== undefined) {
    throw new S1qlSyntaxError({
      reason: `"${pair}" is not an S1QL 1.0 operator; use ${hint}`,
      at: locator.span(offset, offset + 2),
      expected: [hint],
    });
  }

  if (pair[0] === '!') {
    throw new S1qlSyntaxError({
      reason: 'unexpected character "!"; use != for "not equal" or NOT before a condition',
      at: locator.span(offset, offset + 1),
    });
  }
  return 1;
}

function unexpectedCharacterReason(char: string): string {
  if (TYPOGRAPHIC_QUOTES.has(char)) {
    return `unexpected character "${char}"; put values in straight double quotes (")`;
  }
  if (char === "'") {
    return 'unexpected character "\'"; S1QL 1.0 values use double quotes (")';
  }
  if (char === '&' || char === '|') {
    const word = char === '&' ? 'AND' : 'OR';
    return `unexpected character "${char}"; write ${word} between conditions`;
  }
  return `unexpected character "${char}"`;
}
