import type { Config } from '../config/config-schema.ts';
import type { Logger } from '../lib/logger.ts';

/** What every command gets: its own arguments, validated configuration, a logger, output. */
export interface CommandContext {
  args: string[];
  config: Config;
  logger: Logger;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Standard input, for commands that read it; the process's own when absent. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Resolves when the user asks the process to stop (Ctrl-C). */
  interrupted: Promise<void>;
}

export interface Command {
  /** Words that select the command, e.g. `['sim', 'serve']`. */
  name: string[];
  summary: string;
  usage: string;
  run(context: CommandContext): Promise<number>;
}
