import { Writable } from 'node:stream';

import type { Config } from '../../config/config-schema.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { Command } from '../command.ts';

/** Runs one command as the CLI would, capturing what it writes and its exit code. */
export async function runCommand({
  command,
  args,
  config,
  stdin,
  interrupted = new Promise(() => {}),
}: {
  command: Command;
  args: string[];
  config: Config;
  /** What the command reads on standard input, e.g. `Readable.from(lines)`. */
  stdin?: NodeJS.ReadableStream;
  /** Resolves when the command should stop, as Ctrl-C would; never by default. */
  interrupted?: Promise<void>;
}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });

  const code = await command.run({
    args,
    config,
    logger: silentLogger,
    stdout: sink((text) => {
      out += text;
    }),
    stderr: sink((text) => {
      err += text;
    }),
    interrupted,
    ...(stdin === undefined ? {} : { stdin }),
  });

  return { code, out, err };
}
