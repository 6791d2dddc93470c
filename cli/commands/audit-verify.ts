import { verifyAuditChain } from '../../policy/audit/verify-audit-chain.ts';
import type { Command } from '../command.ts';
import { openStore, parseCommandArgs } from './actions-context.ts';

export const auditVerify: Command = {
  name: ['audit', 'verify'],
  summary: 'Recompute the audit hash chain and name the first entry that does not match',
  usage: [
    'usage: casebook audit verify [--tenant <id>]',
    '',
    '  Checks every tenant (or one). Prints each chain’s length and head hash; keep the',
    '  head hash elsewhere to detect later truncation. Exit status 1 names the bad entry.',
  ].join('\n'),
  async run({ args, config, stdout, stderr }) {
    const { values } = parseCommandArgs(args, { tenant: { type: 'string' } }, 0);

    const store = openStore(config);
    try {
      const result = verifyAuditChain({ db: store.db, tenantId: values.tenant });
      for (const chain of result.chains) {
        // An empty chain verifies trivially; "0 entries verified" read as a pass.
        stdout.write(
          chain.entries === 0
            ? `${chain.tenantId}: no audit entries, so nothing was verified ` +
                '(an unknown tenant, or one with nothing audited yet)\n'
            : `${chain.tenantId}: ${chain.entries} entries verified, head ${chain.headHash}\n`,
        );
      }
      if (!result.ok) {
        stderr.write(
          `audit verification FAILED at ${result.entry} (${result.problem}): ${result.message}\n`,
        );
        return 1;
      }
      if (result.chains.length === 0) stdout.write('no audit entries\n');
      return 0;
    } finally {
      store.close();
    }
  },
};
