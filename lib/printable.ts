/**
 * Text from the console, telemetry or a model shown safely on a terminal: control
 * characters, which could move the cursor or rewrite earlier lines, are written as escapes.
 * Multi-line output may keep its newlines.
 */
export function printable(text: string, { keepNewlines = false } = {}): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0;
    const control =
      (code < 0x20 && !(keepNewlines && char === '\n')) || (code >= 0x7f && code < 0xa0);
    return control ? `\\u{${code.toString(16)}}` : char;
  }).join('');
}
