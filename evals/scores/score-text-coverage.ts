import type { GroundTruthFact } from '../../sim/scenario.ts';
import { normaliseText } from './normalise-text.ts';
import { ratio } from './ratio.ts';

export interface CoverageScore {
  facts: number;
  covered: number;
  share: number | null;
  /** Ids of the facts the text does not cover, for the report. */
  missed: string[];
}

const WORD = /[a-z0-9_-]/;

/** A word character, or a dot between word characters (`T1059.001`, `evil.example`). */
function joins(text: string, at: number, step: 1 | -1): boolean {
  const char = text[at];
  if (char === undefined) return false;
  if (WORD.test(char)) return true;
  return char === '.' && WORD.test(text[at + step] ?? '');
}

/**
 * Whether `term` stands in `text` (both normalised) as a whole: `T1059` is not found in
 * `T1059.001`, `FIN-WS-04` not in `FIN-WS-042`, `10.0.0.1` not in `10.0.0.12`.
 */
export function termStands(term: string, text: string): boolean {
  if (term === '') return false;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    const startsWord = WORD.test(term[0] ?? '');
    const endsWord = WORD.test(term[term.length - 1] ?? '');
    const before = startsWord && joins(text, at - 1, -1);
    const after = endsWord && joins(text, at + term.length, 1);
    if (!before && !after) return true;
  }
  return false;
}

/**
 * The share of a case's facts a text covers. A fact is covered when every one of its key
 * terms stands in the text (any one spelling of a `|` list), after both are normalised
 * (`normaliseText`). Null when the case lists no facts or there is no text.
 */
export function scoreTextCoverage({
  facts,
  text,
}: {
  facts: readonly GroundTruthFact[] | undefined;
  text: string | null;
}): CoverageScore | null {
  if (facts === undefined || facts.length === 0 || text === null) return null;
  const haystack = normaliseText(text).replaceAll('\n', ' ');
  const covers = (fact: GroundTruthFact) =>
    fact.terms.every((term) =>
      term.split('|').some((spelling) => termStands(normaliseText(spelling), haystack)),
    );
  const missed = facts.filter((fact) => !covers(fact)).map((fact) => fact.id);
  return {
    facts: facts.length,
    covered: facts.length - missed.length,
    share: ratio(facts.length - missed.length, facts.length),
    missed,
  };
}
