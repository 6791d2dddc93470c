import { parentOf } from '../technique-overlap.ts';
import { meanOf, ratio } from './ratio.ts';

export interface TechniqueScore {
  /** Distinct ground-truth ids, and the credit the prediction earned against them. */
  truth: number;
  truthCredit: number;
  /** Distinct predicted ids, and the credit they earned against the ground truth. */
  predicted: number;
  predictedCredit: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Half credit when one id is the other's parent: the right technique, the wrong detail. */
export const PARTIAL_CREDIT = 0.5;

function creditOf(id: string, against: ReadonlySet<string>): number {
  if (against.has(id)) return 1;
  for (const other of against) {
    const related = id.includes('.') ? parentOf(id) === other : parentOf(other) === id;
    if (related) return PARTIAL_CREDIT;
  }
  return 0;
}

export function f1Of(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/**
 * Techniques of one case against its ground truth. An exact id earns 1; a parent for a
 * sub-technique (or a sub-technique for its parent) earns 0.5; siblings earn nothing.
 */
export function scoreTechniques({
  truth,
  predicted,
}: {
  truth: readonly string[];
  predicted: readonly string[];
}): TechniqueScore {
  const truthSet = new Set(truth);
  const predictedSet = new Set(predicted);
  const sum = (ids: ReadonlySet<string>, against: ReadonlySet<string>) =>
    [...ids].reduce((total, id) => total + creditOf(id, against), 0);
  const truthCredit = sum(truthSet, predictedSet);
  const predictedCredit = sum(predictedSet, truthSet);
  const precision = ratio(predictedCredit, predictedSet.size);
  const recall = ratio(truthCredit, truthSet.size);
  return {
    truth: truthSet.size,
    truthCredit,
    predicted: predictedSet.size,
    predictedCredit,
    precision,
    recall,
    f1: f1Of(precision, recall),
  };
}

export interface TechniqueTotals {
  micro: { precision: number | null; recall: number | null; f1: number | null };
  macro: { precision: number | null; recall: number | null; f1: number | null };
}

/** Micro pools every case's credit; macro averages the cases that have a value. */
export function totalTechniques(scores: readonly TechniqueScore[]): TechniqueTotals {
  const sum = (pick: (score: TechniqueScore) => number) =>
    scores.reduce((total, score) => total + pick(score), 0);
  const precision = ratio(
    sum((s) => s.predictedCredit),
    sum((s) => s.predicted),
  );
  const recall = ratio(
    sum((s) => s.truthCredit),
    sum((s) => s.truth),
  );
  return {
    micro: { precision, recall, f1: f1Of(precision, recall) },
    macro: {
      precision: meanOf(scores.map((s) => s.precision)),
      recall: meanOf(scores.map((s) => s.recall)),
      f1: meanOf(scores.map((s) => s.f1)),
    },
  };
}
