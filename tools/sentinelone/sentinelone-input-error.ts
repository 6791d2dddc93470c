import type { z } from 'zod';
import { CasebookError } from '../../lib/casebook-error.ts';

export interface InputProblem {
  /** Dotted path of the bad parameter, e.g. `threatIds.0`; empty for the whole object. */
  path: string;
  message: string;
}

/** A client method was called with parameters the console would reject or misread. */
export class SentinelOneInputError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'SENTINELONE_INPUT_INVALID';

  constructor(
    readonly operation: string,
    readonly problems: InputProblem[],
  ) {
    super(
      `invalid parameters for ${operation}: ${problems
        .map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`))
        .join('; ')}`,
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operation: this.operation, problems: this.problems };
  }
}

/** Validates a method's parameters, turning zod issues into a user-fault error. */
export function parseInput<S extends z.ZodType>(
  operation: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  throw new SentinelOneInputError(
    operation,
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}
