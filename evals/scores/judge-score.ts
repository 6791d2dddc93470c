/**
 * The LLM judge's grades of one case's notification against its facts. `not run` (no
 * judge configured, or nothing to judge) is not a grade: it never counts as 0.
 */
export type JudgeScore =
  | { status: 'not run'; reason: string }
  | {
      status: 'ran';
      model: string;
      /** Grades in [0, 1], one per run that answered in the expected shape. */
      grades: number[];
      /** Runs whose answer was refused, and why. */
      failures: string[];
      mean: number | null;
      min: number | null;
      max: number | null;
      stdev: number | null;
    };

export const JUDGE_NOT_RUN: JudgeScore = { status: 'not run', reason: 'no judge configured' };

/** Mean, range and (population) standard deviation of the grades: the judge's spread. */
export function judgeScoreOf({
  model,
  grades,
  failures,
}: {
  model: string;
  grades: readonly number[];
  failures: readonly string[];
}): JudgeScore {
  const n = grades.length;
  const mean = n === 0 ? null : grades.reduce((a, b) => a + b, 0) / n;
  const stdev =
    mean === null ? null : Math.sqrt(grades.reduce((sum, g) => sum + (g - mean) ** 2, 0) / n);
  return {
    status: 'ran',
    model,
    grades: [...grades],
    failures: [...failures],
    mean,
    min: n === 0 ? null : Math.min(...grades),
    max: n === 0 ? null : Math.max(...grades),
    stdev,
  };
}
