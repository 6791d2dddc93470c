import { ratio } from './ratio.ts';

/** A case's verdict: `none` when the run ended without one. */
export interface VerdictPair {
  truth: string;
  predicted: string;
}

export interface VerdictScore {
  correct: number;
  total: number;
  accuracy: number | null;
  /** `confusion[truth][predicted]`: how many cases. */
  confusion: Record<string, Record<string, number>>;
}

export function scoreVerdicts(pairs: readonly VerdictPair[]): VerdictScore {
  const confusion: Record<string, Record<string, number>> = {};
  let correct = 0;
  for (const { truth, predicted } of pairs) {
    const row = confusion[truth] ?? {};
    row[predicted] = (row[predicted] ?? 0) + 1;
    confusion[truth] = row;
    if (truth === predicted) correct += 1;
  }
  return { correct, total: pairs.length, accuracy: ratio(correct, pairs.length), confusion };
}
