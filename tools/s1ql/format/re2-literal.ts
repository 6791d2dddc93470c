const SPECIAL = /[\\.+*?()|[\]{}^$]/g;
const PLAIN = /[^\\.+*?()|[\]{}^$]/;

/** RE2 source that matches `text` literally. */
export function escapeRe2Literal(text: string): string {
  return text.replace(SPECIAL, (char) => `\\${char}`);
}

/**
 * The text a pattern matches literally, when it is nothing but literal characters and
 * escaped punctuation (`psexec\.exe`); undefined for anything with regex meaning.
 */
export function re2LiteralOf(source: string): string | undefined {
  let text = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? '';
    if (char === '\\') {
      const next = source[index + 1] ?? '';
      if (!/[\\.+*?()|[\]{}^$/-]/.test(next)) return undefined;
      text += next;
      index += 1;
    } else if (PLAIN.test(char)) {
      text += char;
    } else {
      return undefined;
    }
  }
  return text;
}
