import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { tokenizeS1ql } from '../v1/tokenize-s1ql.ts';
import { S1qlFormatError } from './s1ql-format-error.ts';

/**
 * A value as S1QL 1.0 text: in double quotes, backslashes kept as they are (Windows paths
 * stay as published) and `"` written `\"`. The 1.0 lexer reads `\"` as a quote only where
 * ending the string would make no sense, so a few values (a quote followed by ` AND`, `)` or
 * `,`) have no spelling at all; those are refused rather than written wrongly.
 */
export function quoteS1qlV1Value(text: string): string {
  const quoted = `"${text.replaceAll('"', '\\"')}"`;
  if (!readsBackAs(quoted, text)) {
    throw new S1qlFormatError(
      `The value ${JSON.stringify(text)} cannot be written in S1QL 1.0: a double quote ` +
        'followed by AND, OR, a comma or ")" would end the string there. Write the query ' +
        'in S1QL 2.0, or match a shorter part of the value.',
    );
  }
  return quoted;
}

function readsBackAs(quoted: string, text: string): boolean {
  try {
    const [token, end] = tokenizeS1ql(quoted);
    return token?.kind === 'string' && token.value === text && end?.kind === 'end';
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return false;
    throw error;
  }
}

/** A value as S1QL 2.0 text: single quotes, with `\` and `'` escaped by a backslash. */
export function quoteS1qlV2Value(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}
