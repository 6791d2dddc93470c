import type { HuntTranslator } from '../../hunting/translate/hunt-translation.ts';
import { type HuntingCorpus, openBuiltinCorpus, openOtrfCorpus } from './hunting-corpus.ts';
import type { HuntingQuestion, HuntingQuestionSet } from './hunting-questions.ts';

export interface HuntingQuestionScore {
  id: string;
  corpus: HuntingQuestion['corpus'];
  question: string;
  expected: 'query' | 'refusal';
  outcome: 'query' | 'refusal' | 'invalid' | 'skipped';
  query: string | null;
  reference: string | null;
  refusal: string | null;
  repairs: number;
  referenceCount: number;
  resultCount: number;
  precision: number;
  recall: number;
  /** The translated query matched exactly the reference's events. */
  exact: boolean;
  /** A refusal was the right answer and was given. */
  correct: boolean;
  skipReason?: string;
}

export interface HuntingEvalReport {
  translator: string;
  corpora: { name: string; events: number; skipped?: string }[];
  totals: {
    questions: number;
    scored: number;
    skipped: number;
    answerable: number;
    /** Share of answerable questions given a query the engine accepted. */
    validity: number;
    meanPrecision: number;
    meanRecall: number;
    exactMatches: number;
    /** Answerable questions the translator refused. */
    refusedAnswerable: number;
    /** Questions that should be refused and were. */
    correctRefusals: number;
    expectedRefusals: number;
    repairs: number;
  };
  questions: HuntingQuestionScore[];
}

const ALL_TIME = { fromMs: 0, toMs: 8_640_000_000_000_000 };

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const id of a) if (b.has(id)) shared += 1;
  return shared;
}

/**
 * Scores a translator on the question set: each question's translated query and its
 * reference run on the same corpus and window, and their result sets are compared
 * (precision, recall, exact match). Deterministic for a deterministic translator: the
 * corpora, the clock of each question and the order are fixed.
 */
export async function runHuntingEval({
  set,
  translator,
  onQuestion,
}: {
  set: HuntingQuestionSet;
  translator: HuntTranslator;
  onQuestion?: (score: HuntingQuestionScore) => void;
}): Promise<HuntingEvalReport> {
  const builtin = await openBuiltinCorpus();
  const needsOtrf = set.questions.some((question) => question.corpus === 'otrf');
  const otrf = needsOtrf ? await openOtrfCorpus(set.otrfRecordings) : undefined;
  const corpora: HuntingEvalReport['corpora'] = [{ name: 'builtin', events: builtin.events }];
  if (otrf !== undefined) {
    corpora.push(
      'corpus' in otrf
        ? { name: 'otrf', events: otrf.corpus.events }
        : { name: 'otrf', events: 0, skipped: otrf.skipped },
    );
  }

  const scores: HuntingQuestionScore[] = [];
  try {
    for (const question of set.questions) {
      const corpus: HuntingCorpus | { skipped: string } =
        question.corpus === 'builtin'
          ? builtin
          : otrf === undefined
            ? { skipped: 'no OTRF corpus was opened' }
            : 'corpus' in otrf
              ? otrf.corpus
              : otrf;
      const score =
        'skipped' in corpus
          ? skipped(question, corpus.skipped)
          : await scoreQuestion({ question, translator, corpus });
      scores.push(score);
      onQuestion?.(score);
    }
  } finally {
    builtin.close();
    if (otrf !== undefined && 'corpus' in otrf) otrf.corpus.close();
  }

  const scored = scores.filter((score) => score.outcome !== 'skipped');
  const answerable = scored.filter((score) => score.expected === 'query');
  const refusalsExpected = scored.filter((score) => score.expected === 'refusal');
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

  return {
    translator: translator.id,
    corpora,
    totals: {
      questions: scores.length,
      scored: scored.length,
      skipped: scores.length - scored.length,
      answerable: answerable.length,
      validity: ratio(answerable.filter((s) => s.outcome === 'query').length, answerable.length),
      meanPrecision: ratio(sum(answerable.map((s) => s.precision)), answerable.length),
      meanRecall: ratio(sum(answerable.map((s) => s.recall)), answerable.length),
      exactMatches: answerable.filter((score) => score.exact).length,
      refusedAnswerable: answerable.filter((score) => score.outcome === 'refusal').length,
      correctRefusals: refusalsExpected.filter((score) => score.correct).length,
      expectedRefusals: refusalsExpected.length,
      repairs: sum(scored.map((score) => score.repairs)),
    },
    questions: scores,
  };
}

function skipped(question: HuntingQuestion, reason: string): HuntingQuestionScore {
  return {
    ...base(question),
    outcome: 'skipped',
    skipReason: reason,
  };
}

function base(question: HuntingQuestion): HuntingQuestionScore {
  const reference = 'query' in question.expect ? question.expect.query : null;
  return {
    id: question.id,
    corpus: question.corpus,
    question: question.question,
    expected: reference === null ? 'refusal' : 'query',
    outcome: 'invalid',
    query: null,
    reference,
    refusal: null,
    repairs: 0,
    referenceCount: 0,
    resultCount: 0,
    precision: 0,
    recall: 0,
    exact: false,
    correct: false,
  };
}

async function scoreQuestion({
  question,
  translator,
  corpus,
}: {
  question: HuntingQuestion;
  translator: HuntTranslator;
  corpus: HuntingCorpus;
}): Promise<HuntingQuestionScore> {
  const score = base(question);
  const now =
    question.now === undefined ? Date.parse('2026-01-01T00:00:00Z') : Date.parse(question.now);
  const translation = await translator.translate({ text: question.question, now });
  score.repairs = translation.repairs ?? 0;

  if (translation.kind === 'refusal') {
    score.outcome = 'refusal';
    score.refusal = translation.reason;
    score.correct = score.expected === 'refusal';
    return score;
  }
  score.outcome = 'query';
  score.query = translation.checked.text;
  if (!('query' in question.expect)) return score;

  const expect = question.expect;
  const referenceWindow = {
    fromMs: expect.from === undefined ? ALL_TIME.fromMs : Date.parse(expect.from),
    toMs: expect.to === undefined ? ALL_TIME.toMs : Date.parse(expect.to),
  };
  const window = translation.window ?? ALL_TIME;
  const reference = corpus.run(expect.query, referenceWindow);
  const results = corpus.run(translation.checked.text, window);
  const shared = overlap(results, reference);

  score.referenceCount = reference.size;
  score.resultCount = results.size;
  score.precision =
    results.size === 0 ? (reference.size === 0 ? 1 : 0) : ratio(shared, results.size);
  score.recall = ratio(shared, reference.size);
  score.exact = shared === reference.size && shared === results.size;
  return score;
}
