import type { Command } from '../command.ts';
import { evalCommand } from './eval.ts';
import { evalCompare } from './eval-compare.ts';
import { evalExport } from './eval-export.ts';

/** `casebook eval`, `casebook eval compare` and `casebook eval export`. */
export const EVAL_COMMANDS: readonly Command[] = [evalCommand, evalCompare, evalExport];
