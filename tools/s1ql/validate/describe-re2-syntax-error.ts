/** What RE2JS reports about a pattern it cannot parse. */
export interface Re2SyntaxProblem {
  /** RE2's description, such as `missing closing ]`. */
  readonly description: string;
  /** The offending part of the pattern, such as `(?!`. */
  readonly fragment: string;
}

/**
 * Constructs published for PCRE or Java that RE2 refuses by design, since it cannot match
 * them in linear time. RE2 reports them as generic syntax errors; naming the construct
 * tells the writer what to rewrite rather than where the parser gave up.
 */
const UNSUPPORTED_CONSTRUCTS: readonly { readonly start: RegExp; readonly what: string }[] = [
  { start: /^\(\?[=!]/, what: 'lookahead' },
  { start: /^\(\?<[=!]/, what: 'lookbehind' },
  { start: /^\(\?>/, what: 'atomic groups' },
  { start: /^\(\?#/, what: 'comments' },
  { start: /^\\([1-9]|k)/, what: 'backreferences' },
];

const FLAG_GROUP = /^\(\?[A-Za-z-]*$/;
const RE2_FLAGS = new Set(['i', 'm', 's', 'U', '-']);

/** Explains, in a phrase, why RE2 refused a pattern. */
export function describeRe2SyntaxError({ description, fragment }: Re2SyntaxProblem): string {
  const construct = UNSUPPORTED_CONSTRUCTS.find(({ start }) => start.test(fragment));
  if (construct !== undefined) {
    const written = fragment.slice(0, fragment.startsWith('(?<') ? 4 : 3);
    return `RE2 has no ${construct.what} ("${written}")`;
  }

  if (description === 'invalid nested repetition operator' && fragment.endsWith('+')) {
    return `RE2 has no possessive quantifiers ("${fragment}")`;
  }

  const flag = fragment.at(-1) ?? '';
  if (FLAG_GROUP.test(fragment) && !RE2_FLAGS.has(flag)) {
    return `RE2 has no flag "${flag}" (in "${fragment}"), only i, m, s and U`;
  }

  return `${description}: "${fragment}"`;
}
