const NON_ASCII = /[^\p{ASCII}]/u;

/** Cased characters seen so far; at most the few thousand Unicode has, so it stays small. */
const folded = new Map<number, string>();

/**
 * Folds text so that two texts fold alike exactly when they are equal ignoring case, for all
 * of Unicode: each character becomes one member of its simple case-folding class (k, K and
 * the Kelvin sign; s, S and ſ; σ, ς and Σ; é and É; п and П), the classes RE2 folds with
 * for RegExpCIS. Every character folds to exactly one character, so a folded text has as
 * many characters as the original and prefix, suffix and substring tests keep their meaning.
 * ASCII folds to lower case, as SQLite's `lower()` does.
 */
export function foldS1qlCase(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();

  let out = '';
  for (const char of text) out += foldCharacter(char);
  return out;
}

function foldCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const cached = folded.get(code);
  if (cached !== undefined) return cached;

  // Uncased characters are not cached, so the map holds only the cased ones.
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  if (lower === char && upper === char) return char;

  const result = representativeOf(char, lower, upper);
  folded.set(code, result);
  return result;
}

/**
 * Upper case then lower case reaches one member for a whole class (ς and Σ both give σ, the
 * Kelvin sign gives k), but only members of the same class count: ı upper-cases to I, whose
 * class is {I, i}, so ı keeps itself, as it does in Unicode's simple folding.
 */
function representativeOf(char: string, lower: string, upper: string): string {
  const candidates = [isOneCharacter(upper) ? upper.toLowerCase() : '', lower];
  const match = sameClassTest(char);
  return candidates.find((candidate) => isOneCharacter(candidate) && match(candidate)) ?? char;
}

function sameClassTest(char: string): (other: string) => boolean {
  const code = (char.codePointAt(0) ?? 0).toString(16);
  const pattern = new RegExp(`^\\u{${code}}$`, 'iu');
  return (other) => pattern.test(other);
}

function isOneCharacter(text: string): boolean {
  const code = text.codePointAt(0);
  return code !== undefined && text.length === (code > 0xffff ? 2 : 1);
}
