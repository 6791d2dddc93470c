/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`. */
export function quotedAlternatives(values: readonly string[]): string {
  const quoted = values.map((value) => `"${value}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}
