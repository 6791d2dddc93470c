import { ratio } from './ratio.ts';

export interface RecallScore {
  expected: number;
  found: number;
  recall: number | null;
  /** Expected values the run did not find, for the report. */
  missed: string[];
}

/**
 * Share of the expected values the run found, compared case-insensitively (host names and
 * hashes are written in either case).
 */
export function scoreRecall({
  expected,
  found,
}: {
  expected: readonly string[];
  found: readonly string[];
}): RecallScore {
  const have = new Set(found.map((value) => value.toLowerCase()));
  const wanted = [...new Set(expected.map((value) => value.toLowerCase()))];
  const missed = wanted.filter((value) => !have.has(value)).sort();
  return {
    expected: wanted.length,
    found: wanted.length - missed.length,
    recall: ratio(wanted.length - missed.length, wanted.length),
    missed,
  };
}
