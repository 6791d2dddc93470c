import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { CaseStatus } from '../../itsm/case-status.ts';
import { recordCaseStatus } from '../../itsm/record-case-status.ts';
import { systemClock } from '../../lib/clock.ts';
import { canonicalPrincipalId } from '../../policy/identity/canonical-principal-id.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { parseCommandArgs } from './actions-context.ts';
import {
  CASE_CHANGE_OPTIONS,
  parseCaseId,
  parseChangeId,
  parseDemo,
  recordAndSync,
} from './case-change.ts';

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
    '  --change-id  the event id, so the same event recorded twice changes nothing',
    '  --demo       for a tenant without an ITSM: sync to an in-process simulator and',
    '               keep nothing (a throwaway store; the simulator stops on exit)',
  ].join('\n'),
  async run({ args, config, logger, stdout, stderr }) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        tenant: { type: 'string', default: DEFAULT_TENANT_ID },
        note: { type: 'string' },
        ...CASE_CHANGE_OPTIONS,
      },
      2,
    );
    const [caseText = '', statusText = ''] = positionals;
    const status = CaseStatus.safeParse(statusText);
    if (!status.success) {
      throw new UsageError(`unknown status "${statusText}"; use ${CaseStatus.options.join(', ')}`);
    }
    const caseId = parseCaseId(caseText);
    const changeId = parseChangeId(values['change-id']);

    return recordAndSync({
      config,
      logger,
      stdout,
      stderr,
      tenantId: values.tenant,
      demo: parseDemo(values.demo),
      record: ({ db, audit, targetSystem }) =>
        recordCaseStatus({
          db,
          audit,
          clock: systemClock,
          tenantId: values.tenant,
          caseId,
          status: status.data,
          by: canonicalPrincipalId(values.by),
          note: values.note ?? null,
          ...(changeId === undefined ? {} : { changeId }),
          targetSystem,
        }),
      recordedLine: (id) => `case ${caseId} (${values.tenant}) is ${status.data} (change ${id})`,
    });
  },
};
