import type { z } from 'zod';

import { formatIssuePath } from './format-issue-path.ts';
import { truncateForModel } from './truncate-for-model.ts';

export interface InputIssue {
  /** Where in the arguments, e.g. `threatIds[0]`; `(root)` for the whole object. */
  path: string;
  message: string;
}

/**
 * What the model gets back for arguments its tool rejects: every failing path with the
 * reason, and a bounded copy of what it sent, so it can correct the call.
 */
export interface InvalidToolInput {
  status: 'invalid_input';
  tool: string;
  message: string;
  issues: InputIssue[];
  input: unknown;
}

export function invalidToolInput({
  tool,
  error,
  input,
}: {
  tool: string;
  error: z.ZodError;
  input: unknown;
}): InvalidToolInput {
  const issues = error.issues.flatMap((issue): InputIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatIssuePath([...issue.path, key]),
          message: 'not an argument of this tool',
        }))
      : [{ path: formatIssuePath(issue.path), message: issue.message }],
  );

  return {
    status: 'invalid_input',
    tool,
    message: `the arguments for ${tool} are invalid; fix the listed paths and call it again`,
    issues,
    input: truncateForModel(input),
  };
}
