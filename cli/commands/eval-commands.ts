import type { Command } from '../command.ts';
import { evalCommand } from './eval.ts';
import { evalCompare } from './eval-compare.ts';

/** `casebook eval` and `casebook eval compare`. */
export const EVAL_COMMANDS: readonly Command[] = [evalCommand, evalCompare];
