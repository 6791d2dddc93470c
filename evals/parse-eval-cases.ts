import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { datasetsRoot } from '../lib/datasets-root.ts';

import { loadBuiltinScenarios } from '../sim/scenarios/load-builtin-scenarios.ts';
import { EVAL_CASES_SCHEMA_VERSION, type EvalCase, EvalCaseList } from './eval-case.ts';
import { EvalInputError } from './eval-input-error.ts';

async function builtinIds(): Promise<string[]> {
  return (await loadBuiltinScenarios()).map((scenario) => scenario.id);
}

/**
 * What `casebook eval` was given, as a case list: nothing means every built-in scenario;
 * a built-in id names one; a `.json` path is a scenario file; any other path is recordings.
 */
export async function parseEvalCases({ args }: { args: string[] }): Promise<EvalCaseList> {
  const ids = await builtinIds();
  const cases = (args.length === 0 ? ids : args).map((arg): EvalCase => {
    if (ids.includes(arg)) return { kind: 'builtin', scenarioId: arg };
    if (!existsSync(arg)) {
      throw new EvalInputError({ code: 'EVAL_CASE_UNKNOWN', message: missingCase(arg, ids) });
    }
    return arg.endsWith('.json')
      ? { kind: 'scenario', path: arg }
      : { kind: 'recording', path: arg };
  });
  return EvalCaseList.parse({ schemaVersion: EVAL_CASES_SCHEMA_VERSION, cases });
}

/**
 * Why a case names nothing: a bare word is a scenario id nobody defined, anything shaped
 * like a path is a file that is not there (with the datasets variable when it is one).
 */
function missingCase(arg: string, ids: string[]): string {
  const pathLike = /[\\/]/.test(arg) || arg.startsWith('.') || extname(arg) !== '';
  if (!pathLike) return `"${arg}" is neither a built-in scenario (${ids.join(', ')}) nor a file`;

  const datasets =
    arg.split(/[\\/]/).includes('datasets') || resolve(arg).startsWith(datasetsRoot());
  const hint = datasets
    ? ' (if the shared datasets are elsewhere, set CASEBOOK_DATASETS to their folder)'
    : '';
  return `no such file or folder: ${arg}${hint}`;
}
