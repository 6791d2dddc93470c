import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportError } from '../import/import-error.ts';
import { Scenario } from '../scenario.ts';

/** The folder the hand-written scenarios ship in (this one). */
export const BUILTIN_SCENARIO_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The scenario files of a folder, by name. */
export async function listBuiltinScenarios({
  dir = BUILTIN_SCENARIO_DIR,
}: {
  dir?: string;
} = {}): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

/** `events[3]["event.id"]`: dotted event keys stay readable inside a path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return '(root)';
  }
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') {
        return `[${segment}]`;
      }
      const key = String(segment);
      if (/^[A-Za-z_$][\w$]*$/.test(key)) {
        return index === 0 ? key : `.${key}`;
      }
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** Reads and validates one scenario file; the error names the file and the bad field. */
export async function loadScenarioFile({ path }: { path: string }): Promise<Scenario> {
  const fail = (message: string, cause?: unknown) =>
    new ImportError({
      code: 'BUILTIN_SCENARIO_INVALID',
      message: `${basename(path)}: ${message}`,
      path,
      cause,
    });

  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw fail(`not readable JSON (${(cause as Error).message})`, cause);
  }
  const result = Scenario.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
    throw fail(`does not match the scenario format: ${issues.join('; ')}`);
  }
  return result.data;
}

/** Loads every scenario of the folder, refusing two files with the same scenario id. */
export async function loadBuiltinScenarios({
  dir = BUILTIN_SCENARIO_DIR,
}: {
  dir?: string;
} = {}): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const seen = new Map<string, string>();
  for (const path of await listBuiltinScenarios({ dir })) {
    const scenario = await loadScenarioFile({ path });
    const earlier = seen.get(scenario.id);
    if (earlier !== undefined) {
      throw new ImportError({
        code: 'BUILTIN_SCENARIO_INVALID',
        message: `${basename(path)}: scenario id "${scenario.id}" is already used by ${basename(earlier)}`,
        path,
      });
    }
    seen.set(scenario.id, path);
    scenarios.push(scenario);
  }
  return scenarios;
}
