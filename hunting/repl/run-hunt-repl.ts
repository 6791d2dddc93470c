import { createInterface } from 'node:readline';

import { CasebookError } from '../../lib/casebook-error.ts';
import { printable } from '../../lib/printable.ts';
import type { HuntService } from '../chat/hunt-service.ts';
import { renderHuntEvent } from './render-hunt-event.ts';

const HELP = [
  'Ask in plain language, e.g. "processes started by an Office app with an encoded command".',
  'Follow-ups edit the last query: "only on WKS-12", "drop svchost", "last two hours",',
  '"show the parents", "exclude user X", "also include cmd.exe".',
  'Commands: :new (new thread)  :history  :threads  :promote [title]  :help  :quit',
];

/**
 * The hunting REPL over the hunt service: one line is one message, `:` lines are commands.
 * With a terminal it prompts and shows progress; with piped input it reads every line and
 * prints plain output, so a session can be scripted and tested.
 */
export async function runHuntRepl({
  service,
  tenantId,
  hunterId,
  input,
  output,
  interactive,
  interrupted,
}: {
  service: HuntService;
  tenantId: string;
  hunterId: string;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  interrupted?: Promise<void>;
}): Promise<number> {
  const write = (lines: readonly string[]) => {
    for (const line of lines) output.write(`${line}\n`);
  };
  let threadId: string | undefined;
  let stopped = false;
  void interrupted?.then(() => {
    stopped = true;
  });

  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  if (interactive) write(HELP);
  const prompt = () => {
    if (interactive) output.write('hunt> ');
  };
  prompt();

  for await (const raw of lines) {
    if (stopped) break;
    const line = raw.trim();
    if (line === '') {
      prompt();
      continue;
    }
    if (!interactive) write([`> ${printable(line)}`]);

    if (line.startsWith(':')) {
      const [command = '', ...rest] = line.slice(1).split(/\s+/);
      if (command === 'quit' || command === 'q' || command === 'exit') break;
      try {
        write(runCommand({ command, rest, threadId }));
      } catch (error) {
        write([`error: ${printable(error instanceof Error ? error.message : String(error))}`]);
      }
      if (command === 'new') threadId = undefined;
      prompt();
      continue;
    }

    for await (const event of service.ask({ tenantId, hunterId, threadId, text: line })) {
      if (event.type === 'done') threadId = event.threadId;
      write(renderHuntEvent(event, { progress: interactive }));
    }
    prompt();
  }

  lines.close();
  return 0;

  function runCommand({
    command,
    rest,
    threadId: current,
  }: {
    command: string;
    rest: string[];
    threadId: string | undefined;
  }): string[] {
    switch (command) {
      case 'help':
        return HELP;
      case 'new':
        return ['new thread: the next question starts over'];
      case 'threads':
        return service
          .listThreads({ tenantId, hunterId })
          .map(
            (thread) =>
              `${thread.id}${thread.id === current ? ' *' : ''}  ${printable(thread.title)}` +
              `  ${thread.currentQuery === null ? '' : printable(thread.currentQuery)}`,
          );
      case 'history': {
        if (current === undefined) return ['no thread yet: ask a question first'];
        const view = service.getThread({ tenantId, hunterId, threadId: current });
        return view.messages.map(
          (message) =>
            `${String(message.seq).padStart(3)} ${message.role.padEnd(6)} ` +
            printable(message.text) +
            (message.query === null ? '' : `\n           ${printable(message.query)}`),
        );
      }
      case 'promote': {
        if (current === undefined) return ['no thread yet: ask a question first'];
        const title = rest.join(' ').trim();
        const promoted = service.promote({
          tenantId,
          hunterId,
          threadId: current,
          title: title === '' ? undefined : title,
        });
        const queries =
          promoted.queries.length === 1 ? '1 query' : `${promoted.queries.length} queries`;
        return [
          `promoted to case ${promoted.caseId}: ${queries}, ` +
            `${promoted.eventIds.length} cited events`,
        ];
      }
      default:
        throw new UnknownReplCommandError(`unknown command ":${command}"; try :help`);
    }
  }
}

class UnknownReplCommandError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HUNT_REPL_COMMAND_UNKNOWN';
}
