/** `T1003.001` -> `T1003`: a sub-technique counts for its parent at the parent level. */
export function parentOf(id: string): string {
  return id.split('.')[0] ?? id;
}

/** Distinct ids of `a` that are also in `b`. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  const other = new Set(b);
  return [...new Set(a)].filter((id) => other.has(id)).length;
}
