import { type AuditCheckpoint, verifyAuditChain } from '../../policy/audit/verify-audit-chain.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../usage-error.ts';
import { openStore, parseCommandArgs } from './actions-context.ts';

const CHECKPOINT = /^([a-z0-9][a-z0-9-]{0,62})#([1-9]\d{0,14}):([0-9a-f]{64})$/;

function parseCheckpoint(text: string): AuditCheckpoint {
  const match = CHECKPOINT.exec(text);
  if (!match) {
    throw new UsageError(
      `--checkpoint "${text.slice(0, 100)}" is not <tenant>#<seq>:<sha256 hex>, ` +
        'as printed by an earlier audit verify',
    );
  }

  return { tenantId: match[1] as string, seq: Number(match[2]), hash: match[3] as string };
}

export const auditVerify: Command = {
  name: ['audit', 'verify'],
  summary: 'Recompute the audit hash chain and name the first entry that does not match',
  usage: [
    'usage: casebook audit verify [--tenant <id>] [--checkpoint <tenant>#<seq>:<hash>]...',
    '',
    '  Checks every tenant (or one) and prints each chain’s length and a checkpoint line.',
    '  Keep the checkpoint outside the database (a ticket, a log, another machine); given',
    '  back with --checkpoint it proves nothing up to that entry was rewritten and that',
    '  the chain was not cut short. Exit status 1 names the bad entry.',
  ].join('\n'),
  async run({ args, config, stdout, stderr }) {
    const { values } = parseCommandArgs(
      args,
      { tenant: { type: 'string' }, checkpoint: { type: 'string', multiple: true } },
      0,
    );
    const checkpoints = (values.checkpoint ?? []).map(parseCheckpoint);

    const store = openStore(config);
    try {
      const result = verifyAuditChain({ db: store.db, tenantId: values.tenant, checkpoints });
      for (const chain of result.chains) {
        // An empty chain verifies trivially; "0 entries verified" read as a pass.
        stdout.write(
          chain.entries === 0
            ? `${chain.tenantId}: no audit entries, so nothing was verified ` +
                '(an unknown tenant, or one with nothing audited yet)\n'
            : `${chain.tenantId}: ${chain.entries} entries verified, head ${chain.headHash}\n` +
                `  checkpoint ${chain.tenantId}#${chain.entries}:${chain.headHash}\n`,
        );
      }
      if (!result.ok) {
        stderr.write(
          `audit verification FAILED at ${result.entry} (${result.problem}): ${result.message}\n`,
        );
        return 1;
      }
      if (result.chains.length === 0) stdout.write('no audit entries\n');
      if (checkpoints.length > 0) stdout.write(`${checkpoints.length} checkpoint(s) matched\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
