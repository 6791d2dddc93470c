export interface SuggestClosestOptions {
  readonly limit: number;
  /** Only suggest candidates at most this many edits away. */
  readonly maxDistance?: number;
  /** Rank candidates that contain the input (or are contained in it) first. */
  readonly preferContaining?: boolean;
}

/** The candidates closest to a misspelt input, compared case-insensitively. */
export function suggestClosest(
  input: string,
  candidates: readonly string[],
  options: SuggestClosestOptions,
): string[] {
  const wanted = input.toLowerCase();
  const scored = [...new Set(candidates)].map((candidate) => {
    const lower = candidate.toLowerCase();
    const contains =
      options.preferContaining === true && (lower.includes(wanted) || wanted.includes(lower));
    return { candidate, contains, distance: editDistance(wanted, lower) };
  });

  return scored
    .filter((entry) => options.maxDistance === undefined || entry.distance <= options.maxDistance)
    .sort(
      (a, b) =>
        Number(b.contains) - Number(a.contains) ||
        a.distance - b.distance ||
        a.candidate.localeCompare(b.candidate),
    )
    .slice(0, options.limit)
    .map((entry) => entry.candidate);
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
