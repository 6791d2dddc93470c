/** The escape character the compiled LIKE patterns declare with `ESCAPE '\'`. */
export const LIKE_ESCAPE = '\\';

/** Makes text match itself literally inside a LIKE pattern, `%`, `_` and `\` included. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `${LIKE_ESCAPE}${char}`);
}
