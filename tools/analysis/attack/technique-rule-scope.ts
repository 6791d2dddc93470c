import { AsyncLocalStorage } from 'node:async_hooks';

import { RULE_LIBRARY } from './rule-library.ts';
import type { AnyRule } from './technique-rule.ts';

const override = new AsyncLocalStorage<readonly AnyRule[]>();

/**
 * The mapping rules in force: a set given to `withTechniqueRules` above the caller, else
 * the library.
 */
export function activeTechniqueRules(): readonly AnyRule[] {
  return override.getStore() ?? RULE_LIBRARY;
}

/**
 * Runs `work` with `rules` in place of the rule library, for this asynchronous context
 * only: an eval can replay cases under a changed rule set while other runs in the same
 * process keep the library.
 */
export function withTechniqueRules<T>(
  rules: readonly AnyRule[],
  work: () => Promise<T>,
): Promise<T> {
  return override.run(rules, work);
}
