import type { Command } from '../command.ts';
import { run } from './run.ts';

/**
 * `casebook analyse`, the command's first name, kept so scripts written against it go on
 * working; `casebook run` is the documented name and the one implementation.
 */
export const analyse: Command = {
  ...run,
  name: ['analyse'],
  summary: 'Alias of casebook run',
  usage: `casebook analyse is an alias of casebook run.\n\n${run.usage}`,
};
