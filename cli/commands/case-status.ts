import { CaseStatus } from '../../itsm/case-status.ts';
import { recordCaseStatus } from '../../itsm/record-case-status.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { parseCommandArgs } from './actions-context.ts';
import { CASE_CHANGE_OPTIONS, parseCaseId, recordAndSync } from './case-change.ts';

export const caseStatus: Command = {
  name: ['case', 'status'],
  summary: 'Record a case as resolved, needing IT action, or reopened, and sync its ticket',
  usage: [
    'usage: casebook case status <threat id> resolved|it-action|reopened',
    '                            [--tenant <id>] [--by <principal>] [--note <text>]',
    '                            [--change-id <id>] [--demo servicenow|jira]',
    '',
    '  Records the status with who set it, queues the ticket sync for a tenant with an',
    '  ITSM and tries it once now; a failure waits in the outbox for `casebook itsm sync`.',
    '  A case casebook has never seen (not analysed with `casebook run`, no status, no',
    '  ticket) is refused (exit 2), so a mistyped id never opens a ticket.',
    '  --change-id  the event id, so the same event recorded twice changes nothing;',
    '               it is per case, and reusing it for a different change is refused',
    '  --demo       for a tenant without an ITSM: sync to an in-process simulator and',
    '               keep nothing (a throwaway store; the simulator stops on exit)',
  ].join('\n'),
  async run(context) {
    const { values, positionals } = parseCommandArgs(
      context.args,
      { note: { type: 'string' }, ...CASE_CHANGE_OPTIONS },
      2,
    );
    const [caseText = '', statusText = ''] = positionals;
    const status = CaseStatus.safeParse(statusText);
    if (!status.success) {
      throw new UsageError(`unknown status "${statusText}"; use ${CaseStatus.options.join(', ')}`);
    }
    const caseId = parseCaseId(caseText);

    return recordAndSync({
      context,
      caseId,
      options: values,
      record: (change) =>
        recordCaseStatus({ ...change, caseId, status: status.data, note: values.note ?? null }),
      recordedLine: (id) => `case ${caseId} (${values.tenant}) is ${status.data} (change ${id})`,
    });
  },
};
