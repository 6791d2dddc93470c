import { parse as parseYaml } from 'yaml';

import { formatIssuePath } from '../../tools/registry/format-issue-path.ts';
import { type Policy, PolicyFile } from './policy-file.ts';
import { PolicyFileError, type PolicyProblem } from './policy-file-error.ts';

/**
 * Reads a policy from YAML or JSON text (JSON is YAML, so one parser serves both).
 * `source` names the file in errors. Every problem is reported at once, each with the
 * path of the bad key.
 */
export function parsePolicy({ text, source }: { text: string; source: string }): Policy {
  let tree: unknown;
  try {
    tree = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PolicyFileError(source, [
      { path: '(file)', message: `not valid YAML or JSON: ${reason}` },
    ]);
  }

  if (tree === null || tree === undefined) {
    throw new PolicyFileError(source, [{ path: '(file)', message: 'the file is empty' }]);
  }

  const parsed = PolicyFile.safeParse(tree);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): PolicyProblem[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: formatIssuePath([...issue.path, key]),
            message: 'unknown key',
          }))
        : [{ path: formatIssuePath(issue.path), message: issue.message }],
    );
    throw new PolicyFileError(source, problems);
  }

  return parsed.data;
}
