import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Config } from '../../config/config-schema.ts';
import { openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { createAuditTrail } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import { runCommand } from '../testing/run-command.ts';
import { UsageError } from '../usage-error.ts';
import { auditVerify } from './audit-verify.ts';

function verify(config: Config, args: string[] = []) {
  return runCommand({ command: auditVerify, args, config });
}

function trailOf(entries: number) {
  const config = Config.parse({
    databasePath: join(mkdtempSync(join(tmpdir(), 'casebook-audit-cli-')), 'c.db'),
  });
  const store = openDatabase({ path: config.databasePath });
  const audit = createAuditTrail({
    db: store.db,
    clock: createManualClock(),
    redactor: createSecretRedactor(),
  });
  const hashes = [];
  for (let i = 0; i < entries; i += 1)
    hashes.push(audit.append({ tenantId: 'acme', kind: 'tool.call', payload: { i } }).hash);
  return { config, store, hashes };
}

describe('casebook audit verify', () => {
  it('reports each chain with its length and head hash', async () => {
    const { config, store, hashes } = trailOf(3);
    store.close();

    expect(await verify(config)).toEqual({
      code: 0,
      out: `acme: 3 entries verified, head ${hashes[2]}\n  checkpoint acme#3:${hashes[2]}\n`,
      err: '',
    });
  });

  it('exits non-zero naming the entry that was tampered with', async () => {
    const { config, store } = trailOf(4);
    store.sqlite.exec('drop trigger audit_entries_no_update');
    store.sqlite.prepare(`update audit_entries set payload_json = '{"i":99}' where seq = 3`).run();
    store.close();

    expect(await verify(config, ['--tenant', 'acme'])).toEqual({
      code: 1,
      out: '',
      err:
        'audit verification FAILED at acme#3 (hash_mismatch): ' +
        'audit entry acme#3 does not match its hash: the row was changed\n',
    });
  });

  it('says so when there is nothing to verify', async () => {
    const { config, store } = trailOf(0);
    store.close();

    expect((await verify(config)).out).toBe('no audit entries\n');
  });

  it('says a tenant has no audit entries instead of reporting 0 entries verified', async () => {
    const { config, store, hashes } = trailOf(2);
    store.close();

    expect(await verify(config, ['--tenant', 'nosuch'])).toEqual({
      code: 0,
      out:
        'nosuch: no audit entries, so nothing was verified ' +
        '(an unknown tenant, or one with nothing audited yet)\n',
      err: '',
    });
    expect((await verify(config, ['--tenant', 'acme'])).out).toBe(
      `acme: 2 entries verified, head ${hashes[1]}\n  checkpoint acme#2:${hashes[1]}\n`,
    );
  });

  it('detects a cut-off tail from a checkpoint printed by an earlier run', async () => {
    const { config, store } = trailOf(4);
    store.close();
    const earlier = await verify(config);
    const checkpoint = /checkpoint (\S+)/.exec(earlier.out)?.[1] ?? '';
    expect(checkpoint).toMatch(/^acme#4:[0-9a-f]{64}$/);

    const reopened = openDatabase({ path: config.databasePath });
    reopened.sqlite.exec('drop trigger audit_entries_no_delete');
    reopened.sqlite.exec('delete from audit_entries where seq = 4');
    reopened.close();

    expect(await verify(config, ['--checkpoint', checkpoint])).toMatchObject({
      code: 1,
      err: expect.stringContaining('FAILED at acme#4 (truncated)'),
    });
    await expect(verify(config, ['--checkpoint', 'acme#4:nothex'])).rejects.toThrow(UsageError);
  });

  it('says how many checkpoints matched', async () => {
    const { config, store, hashes } = trailOf(3);
    store.close();

    const result = await verify(config, ['--checkpoint', `acme#2:${hashes[1]}`]);

    expect(result.code).toBe(0);
    expect(result.out).toContain('1 checkpoint(s) matched\n');
  });
});
