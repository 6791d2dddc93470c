import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { MAX_S1QL_PATTERN_LENGTH, MAX_S1QL_PATTERN_PROGRAM_SIZE } from '../s1ql-limits.ts';
import { describeRe2SyntaxError } from './describe-re2-syntax-error.ts';

/** A regular expression as the SQL function receives it: RE2 source and flag letters. */
export interface S1qlPattern {
  readonly source: string;
  readonly flags: string;
}

export type CompileS1qlPatternResult =
  | { readonly ok: true; readonly pattern: S1qlPattern; readonly regexp: RE2JS }
  | { readonly ok: false; readonly reason: string };

const FLAG_BITS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

const SYNTAX_HINT = 'RegExp patterns must use RE2 syntax';

/**
 * Turns an S1QL `RegExp` value into an RE2 pattern. RE2 (the console's own dialect) matches
 * in time linear in the input, so a query cannot stall the engine with backtracking, and it
 * reads inline flags such as `(?i)` anywhere in the pattern, so the source passes unchanged.
 */
export function compileS1qlPattern(
  text: string,
  options: { readonly caseInsensitive: boolean },
): CompileS1qlPatternResult {
  return compileBoundS1qlPattern({ source: text, flags: options.caseInsensitive ? 'i' : '' });
}

/**
 * Compiles a pattern as compiled S1QL binds it. The SQL function checks again, since SQL
 * written by hand can bind any text.
 */
export function compileBoundS1qlPattern(pattern: S1qlPattern): CompileS1qlPatternResult {
  const { source, flags } = pattern;
  if (source.length > MAX_S1QL_PATTERN_LENGTH) {
    const reason =
      `the regular expression is ${source.length} characters long; ` +
      `at most ${MAX_S1QL_PATTERN_LENGTH} are allowed`;
    return { ok: false, reason };
  }

  let bits = 0;
  for (const letter of flags) {
    const bit = FLAG_BITS[letter];
    if (bit === undefined) {
      return { ok: false, reason: `the regular expression flag "${letter}" is not supported` };
    }
    bits |= bit;
  }

  let regexp: RE2JS;
  try {
    regexp = RE2JS.compile(source, bits);
  } catch (error) {
    return { ok: false, reason: `invalid regular expression: ${explain(error)}; ${SYNTAX_HINT}` };
  }

  if (regexp.programSize() > MAX_S1QL_PATTERN_PROGRAM_SIZE) {
    const reason =
      'the regular expression is too complex to match quickly; ' +
      'use fewer or smaller repetition counts';
    return { ok: false, reason };
  }
  return { ok: true, pattern: { source, flags }, regexp };
}

function explain(error: unknown): string {
  if (error instanceof RE2JSSyntaxException) {
    return describeRe2SyntaxError({
      description: error.getDescription(),
      fragment: error.getPattern() ?? '',
    });
  }
  if (error instanceof RE2JSException) return error.message;
  throw error;
}
