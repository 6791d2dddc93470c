import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { OPERATOR_FIRST_WORDS } from './operator-phrases.ts';
import { createSourceLocator, type SourceLocator } from './source-locator.ts';
import type { S1qlToken, S1qlTokenKind } from './token.ts';

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
  const locator = createSourceLocator(text);
  const tokens: S1qlToken[] = [];
  let offset = 0;

  const push = (kind: S1qlTokenKind, end: number, value?: string): void => {
    const raw = text.slice(offset, end);
    tokens.push({ kind, raw, value: value ?? raw, span: locator.span(offset, end) });
    offset = end;
  };

  while (offset < text.length) {
    const char = text[offset] ?? '';
    const next = text[offset + 1] ?? '';

    if (WHITESPACE.test(char)) {
      offset += 1;
    } else if (char === '(') {
      push('lparen', offset + 1);
    } else if (char === ')') {
      push('rparen', offset + 1);
    } else if (char === ',') {
      push('comma', offset + 1);
    } else if (char === '"') {
      const { end, value } = readString(text, offset, locator);
      push('string', end, value);
    } else if (char === '=' || char === '!' || char === '<' || char === '>') {
      push('comparator', offset + readComparator(text, offset, locator));
    } else if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(next))) {
      BARE_VALUE.lastIndex = offset;
      const raw = BARE_VALUE.exec(text)?.[0] ?? char;
      if (!NUMBER.test(raw)) {
        throw new S1qlSyntaxError({
          reason: `the value ${raw} must be in double quotes ("${raw}")`,
          at: locator.span(offset, offset + raw.length),
        });
      }
      push('number', offset + raw.length);
    } else if (WORD_START.test(char)) {
      let end = offset + 1;
      while (end < text.length && WORD_PART.test(text[end] ?? '')) end += 1;
      push('word', end);
    } else {
      const found = String.fromCodePoint(text.codePointAt(offset) ?? 0);
      throw new S1qlSyntaxError({
        reason: unexpectedCharacterReason(found),
        at: locator.span(offset, offset + found.length),
      });
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
