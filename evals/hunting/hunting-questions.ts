import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

/**
 * One eval question: the hunter's words and the reference answer, a query checked by hand
 * against the corpus (with the window it should search), or `refusal` when the right
 * answer is to decline.
 */
export const HuntingQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** `builtin`: the project's scenarios, all loaded together; `otrf`: the recordings. */
  corpus: z.enum(['builtin', 'otrf']),
  question: z.string().min(1),
  /**
   * Written after the translator, phrased unlike the others (synonyms, word order, typos,
   * lower-case hosts) and never used to tune it: its figures are the honest ones.
   */
  heldOut: z.boolean().optional(),
  /** The clock for relative times ("last hour"); questions without one search all time. */
  now: Iso.optional(),
  expect: z.union([
    z.strictObject({ query: z.string().min(1), from: Iso.optional(), to: Iso.optional() }),
    z.strictObject({ refusal: z.literal(true) }),
  ]),
});
export type HuntingQuestion = z.infer<typeof HuntingQuestion>;

export const HuntingQuestionSet = z.strictObject({
  schemaVersion: z.literal(1),
  /** OTRF recordings for the `otrf` corpus, relative to the datasets' `otrf/` folder. */
  otrfRecordings: z.array(z.string()),
  questions: z.array(HuntingQuestion).min(1),
});
export type HuntingQuestionSet = z.infer<typeof HuntingQuestionSet>;

export const DEFAULT_QUESTIONS_FILE = join(import.meta.dirname, 'hunting-questions.json');

export function loadHuntingQuestions(path = DEFAULT_QUESTIONS_FILE): HuntingQuestionSet {
  return HuntingQuestionSet.parse(JSON.parse(readFileSync(path, 'utf8')));
}
