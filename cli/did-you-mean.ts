import { suggestClosest } from '../lib/suggest-closest.ts';

/**
 * `; did you mean "run"?` for a misspelt command word or flag, or an empty string when no
 * candidate is close enough to be a likely typo. Short words allow one edit, longer two.
 */
export function didYouMean({
  wrote,
  candidates,
  show,
}: {
  wrote: string;
  candidates: readonly string[];
  /** How a candidate is written in the message, e.g. quoted or with its dashes. */
  show: (candidate: string) => string;
}): string {
  const maxDistance = wrote.length <= 3 ? 1 : 2;
  const close = suggestClosest(wrote, candidates, { limit: 2, maxDistance });
  if (close.length === 0) return '';

  return `; did you mean ${close.map(show).join(' or ')}?`;
}
