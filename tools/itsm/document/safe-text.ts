/** Longest single text run a ticket carries; longer telemetry is cut with a count. */
export const MAX_RUN = 2_000;

// Bidirectional overrides and isolates reorder what a reader sees (Trojan Source).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Text fit for a ticket: control and bidi-control characters written as visible
 * escapes, so they can neither reorder nor hide what surrounds them, and runs longer
 * than `max` cut with a note of how much was left out.
 */
export function safeText(text: string, { max = MAX_RUN } = {}): string {
  const chars = Array.from(text);
  const kept = chars.length > max ? chars.slice(0, max) : chars;
  const shown = kept
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (char === '\t') return ' ';
      const control = code < 0x20 || (code >= 0x7f && code < 0xa0) || BIDI.test(char);
      return control ? `\\u{${code.toString(16)}}` : char;
    })
    .join('');
  const cut = chars.length - kept.length;

  return cut > 0 ? `${shown}… (${cut} more characters)` : shown;
}

const MAX_LINES = 200;

/** A multi-line block (a command line, a script): each line as `safeText`, lines capped. */
export function safeBlock(text: string): string {
  const lines = text.split(/\r?\n/);
  const shown = lines.slice(0, MAX_LINES).map((line) => safeText(line));
  if (lines.length > MAX_LINES) shown.push(`… (${lines.length - MAX_LINES} more lines)`);

  return shown.join('\n');
}
