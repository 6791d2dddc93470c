import { recordCaseNote } from '../../itsm/record-case-note.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { parseCommandArgs } from './actions-context.ts';
import { CASE_CHANGE_OPTIONS, parseCaseId, recordAndSync } from './case-change.ts';

// Room is left for the author line and marker casebook adds on the ticket.
const MAX_NOTE = 20_000;

export const caseNote: Command = {
  name: ['case', 'note'],
  summary: 'Add an analyst note to a case and copy it to its ticket as a work note or comment',
  usage: [
    'usage: casebook case note <threat id> --text <text> [--tenant <id>] [--by <principal>]',
    '                          [--change-id <id>] [--demo servicenow|jira]',
    '',
    '  Stores the note on the case and, for a tenant with an ITSM, queues it for the',
    '  ticket through the policy gate (a work note, or a comment when the tenant syncs',
    '  notes as public) and tries it once now; the same --change-id is added only once.',
    '  A note never opens a ticket: on a case without one it is kept in casebook and',
    '  waits, and goes to the ticket once a status change (case status) creates it.',
    '  A case casebook has never seen, or a --change-id that already names a different',
    '  change of the case, is refused (exit 2).',
    '  --demo  for a tenant without an ITSM: an in-process simulator; nothing is kept',
  ].join('\n'),
  async run(context) {
    const { values, positionals } = parseCommandArgs(
      context.args,
      { text: { type: 'string' }, ...CASE_CHANGE_OPTIONS },
      1,
    );
    const caseId = parseCaseId(positionals[0] ?? '');
    const text = values.text?.trim() ?? '';
    if (text === '') throw new UsageError('--text <text> is required: the note');
    if (text.length > MAX_NOTE) {
      throw new UsageError(`the note has ${text.length} characters; at most ${MAX_NOTE} fit`);
    }

    return recordAndSync({
      context,
      caseId,
      options: values,
      record: (change) => recordCaseNote({ ...change, caseId, text }),
      recordedLine: (id) => `note added to case ${caseId} (${values.tenant}) (change ${id})`,
    });
  },
};
