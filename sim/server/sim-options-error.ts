import type { z } from 'zod';
import { CasebookError } from '../../lib/casebook-error.ts';

/** The simulator was started with options it cannot run with (realism or timing). */
export class SimOptionsError extends CasebookError {
  readonly fault = 'config';
  readonly code = 'SIM_OPTIONS_INVALID';

  constructor(option: string, error: z.ZodError) {
    const problems = error.issues.map((issue) => {
      const path = [option, ...issue.path.map(String)].join('.');
      return `${path}: ${issue.message}`;
    });
    super(`invalid simulator options: ${problems.join('; ')}`);
  }
}

/** Parses one option group, turning a schema failure into a `SimOptionsError`. */
export function parseSimOptions<Schema extends z.ZodType>(
  option: string,
  schema: Schema,
  input: unknown,
): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new SimOptionsError(option, parsed.error);
  }
  return parsed.data;
}
