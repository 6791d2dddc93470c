import type { z } from 'zod';
import { AnalysisError } from './analysis-error.ts';

const MAX_PROBLEMS = 20;

/** Validates a function's input, turning zod issues into a user-fault error. */
export function parseAnalysisInput<S extends z.ZodType>(
  operation: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new AnalysisError({
    code: 'ANALYSIS_INPUT_INVALID',
    message: `invalid input for ${operation}: ${problems
      .map((problem) =>
        problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`,
      )
      .join('; ')}`,
    problems,
  });
}
