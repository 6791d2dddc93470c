import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parsePolicy } from './parse-policy.ts';
import { DEFAULT_POLICY, type Policy } from './policy-file.ts';
import { PolicyFileError } from './policy-file-error.ts';

export const POLICY_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export function loadPolicyFile({ path }: { path: string }): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new PolicyFileError(path, [
      { path: '(file)', message: `cannot read the file (${reason})` },
    ]);
  }

  return parsePolicy({ text, source: path });
}

/**
 * The policy of one tenant: `<directory>/<tenantId>.yaml` (or `.yml`, `.json`), or the
 * built-in default when the tenant has no file. Two files for one tenant are refused
 * rather than one silently winning.
 */
export function loadTenantPolicy({
  directory,
  tenantId,
}: {
  directory: string;
  tenantId: string;
}): { policy: Policy; source: string } {
  const found = POLICY_FILE_EXTENSIONS.map((extension) =>
    join(directory, `${tenantId}${extension}`),
  ).filter((path) => existsSync(path));

  if (found.length > 1) {
    throw new PolicyFileError(found.join(', '), [
      { path: '(file)', message: `tenant ${tenantId} has more than one policy file` },
    ]);
  }

  const [path] = found;
  return path === undefined
    ? { policy: DEFAULT_POLICY, source: '(built-in default)' }
    : { policy: loadPolicyFile({ path }), source: path };
}
