import { existsSync } from 'node:fs';

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
      throw new EvalInputError({
        code: 'EVAL_CASE_UNKNOWN',
        message: `"${arg}" is neither a built-in scenario (${ids.join(', ')}) nor a path`,
      });
    }
    return arg.endsWith('.json')
      ? { kind: 'scenario', path: arg }
      : { kind: 'recording', path: arg };
  });
  return EvalCaseList.parse({ schemaVersion: EVAL_CASES_SCHEMA_VERSION, cases });
}
