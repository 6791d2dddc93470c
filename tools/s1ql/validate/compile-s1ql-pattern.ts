/** A regular expression ready for the JavaScript engine. */
export interface S1qlPattern {
  readonly source: string;
  readonly flags: string;
}

const INLINE_FLAGS = /^\(\?([A-Za-z]+)\)/;
const SUPPORTED_FLAGS = new Set(['i', 'm', 's']);

export type CompileS1qlPatternResult =
  | { readonly ok: true; readonly pattern: S1qlPattern; readonly regexp: RegExp }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns an S1QL `RegExp` value into a JavaScript regular expression. Published queries are
 * written for Java/RE2 and put flags in a leading group (`(?i)powershell`); JavaScript has no
 * inline flags, so a leading group of i, m or s becomes real flags.
 */
export function compileS1qlPattern(
  text: string,
  options: { readonly caseInsensitive: boolean },
): CompileS1qlPatternResult {
  const flags = new Set<string>(options.caseInsensitive ? ['i'] : []);
  let source = text;

  const inline = INLINE_FLAGS.exec(text);
  if (inline !== null) {
    const letters = inline[1] ?? '';
    const unsupported = [...letters].find((letter) => !SUPPORTED_FLAGS.has(letter));
    if (unsupported !== undefined) {
      const reason =
        `the regular expression flag "${unsupported}" in "${inline[0]}" is not supported; ` +
        'use i, m or s';
      return { ok: false, reason };
    }
    for (const letter of letters) flags.add(letter);
    source = text.slice(inline[0].length);
  }

  const flagText = [...flags].sort().join('');
  try {
    const regexp = new RegExp(source, flagText);
    return { ok: true, pattern: { source, flags: flagText }, regexp };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const prefix = `Invalid regular expression: /${source}/${flagText}: `;
    const reason = detail.startsWith(prefix) ? detail.slice(prefix.length) : detail;
    return { ok: false, reason: `invalid regular expression: ${reason}` };
  }
}
