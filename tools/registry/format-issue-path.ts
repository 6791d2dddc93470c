/** `['rules', 2, 'when', 'confidence', 'min']` -> `rules[2].when.confidence.min`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }

  return text === '' ? '(root)' : text;
}
