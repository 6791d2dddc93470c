import { printable } from '../../lib/printable.ts';
import type { ApprovalResult } from '../../policy/held-actions/approve-held-action.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { describeHeldAction, parseDecisionArgs, withTenantActions } from './actions-context.ts';

export const actionsApprove: Command = {
  name: ['actions', 'approve'],
  summary: 'Approve a held action; the final approval runs and verifies it',
  usage: [
    'usage: casebook actions approve <id> --as <user> [--tenant <id>] [--comment <text>]',
    '                                [--args-hash <sha256>]',
    '',
    '  Approves the exact arguments the action holds. When this is the last approval',
    '  it needs, casebook runs the action once and checks the console shows its effect.',
    '  --args-hash: the hash `actions list` showed you (its first 12 characters are',
    '  enough); refused if someone edited the action since. An action the tenant policy',
    '  now denies is refused too.',
    '  Exit status 1 when it ran but failed or could not be verified.',
  ].join('\n'),
  async run({ args, config, logger, stdout, stderr }) {
    const { id, principalId, values } = parseDecisionArgs({
      args,
      who: 'who approves',
      extra: { 'args-hash': { type: 'string' } },
    });
    const seen = values['args-hash'];
    if (seen !== undefined && !/^[0-9a-f]{12,64}$/.test(seen)) {
      throw new UsageError(
        '--args-hash is the action’s argument hash (hex, at least 12 characters)',
      );
    }

    return withTenantActions({
      config,
      tenantId: values.tenant,
      logger,
      withConsole: true,
      use: async (actions) => {
        const current = seen === undefined ? undefined : actions.get(id).argsHash;
        // A prefix names the full hash it matches; any other hash is passed on to be refused.
        const argsHash = seen !== undefined && current?.startsWith(seen) ? current : seen;
        const result = await actions.approve({
          id,
          principalId,
          comment: values.comment,
          ...(argsHash === undefined ? {} : { argsHash: argsHash.padEnd(64, '0') }),
        });
        return report(result, { stdout, stderr });
      },
    });
  },
};

/** What an approval did, and the exit status that tells scripts whether it worked. */
export function report(
  result: ApprovalResult,
  { stdout, stderr }: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): number {
  stdout.write(`${describeHeldAction(result.action)}\n`);

  if (!result.executed) {
    const missing = result.required - result.approvals;
    const counted = `${result.approvals} of ${result.required}`;
    stdout.write(`approved (${counted}); waiting for ${missing} more approver(s)\n`);
    return 0;
  }

  const outcome = result.outcome;
  if (outcome?.status === 'executed_verified') {
    stdout.write(`executed and verified: ${printable(outcome.verification?.detail ?? '')}\n`);
    return 0;
  }
  if (outcome?.status === 'executed_unverified') {
    const detail = printable(outcome.verification?.detail ?? 'no verification');
    stderr.write(`executed, but NOT verified: ${detail}\n`);
    return 1;
  }
  stderr.write(`execution FAILED: ${printable(outcome?.error?.message ?? 'unknown failure')}\n`);
  return 1;
}
