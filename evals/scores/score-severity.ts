const LEVELS = ['low', 'medium', 'high', 'critical'] as const;

export interface SeverityScore {
  exact: boolean;
  withinOne: boolean;
}

/** Null when the ground truth names no severity, or the run gave none. */
export function scoreSeverity({
  truth,
  predicted,
}: {
  truth: string | undefined;
  predicted: string | undefined;
}): SeverityScore | null {
  const want = LEVELS.indexOf(truth as (typeof LEVELS)[number]);
  const got = LEVELS.indexOf(predicted as (typeof LEVELS)[number]);
  if (want < 0) return null;
  if (got < 0) return { exact: false, withinOne: false };
  return { exact: want === got, withinOne: Math.abs(want - got) <= 1 };
}
