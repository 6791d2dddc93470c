import { join, resolve } from 'node:path';

/** The checkout's root folder, whatever the working directory. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/**
 * Where the shared public datasets (OTRF recordings, ATT&CK list) live: `CASEBOOK_DATASETS`
 * when set (relative to the working directory), else `shared/datasets` beside the checkout.
 */
export function datasetsRoot({
  configured,
  env = process.env,
}: {
  configured?: string | undefined;
  env?: Record<string, string | undefined>;
} = {}): string {
  const chosen = configured ?? env.CASEBOOK_DATASETS;
  return chosen ? resolve(chosen) : join(PROJECT_ROOT, '..', 'shared', 'datasets');
}
