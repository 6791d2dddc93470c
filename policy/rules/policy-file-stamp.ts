import { statSync } from 'node:fs';
import { join } from 'node:path';

import { POLICY_FILE_EXTENSIONS } from './load-policy-file.ts';

/**
 * What a tenant's policy files look like on disk right now: which exist, their sizes and
 * modification times. A long-running process compares stamps to notice an edited,
 * added or removed policy file and load it again.
 */
export function policyFileStamp({
  directory,
  tenantId,
}: {
  directory: string;
  tenantId: string;
}): string {
  return POLICY_FILE_EXTENSIONS.map((extension) => {
    try {
      const stat = statSync(join(directory, `${tenantId}${extension}`));
      return `${extension}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return `${extension}:-`;
    }
  }).join('|');
}
