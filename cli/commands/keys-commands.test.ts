import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { Config } from '../../config/config-schema.ts';
import { runCommand } from '../testing/run-command.ts';
import { UsageError } from '../usage-error.ts';
import { keysCreate } from './keys-create.ts';
import { keysList } from './keys-list.ts';
import { keysRevoke } from './keys-revoke.ts';

const config = Config.parse({
  databasePath: join(mkdtempSync(join(tmpdir(), 'casebook-keys-')), 'casebook.db'),
});

describe('casebook keys', () => {
  it('creates a key, shows it once, lists it without its secret and revokes it', async () => {
    const created = await runCommand({
      command: keysCreate,
      args: ['--as', 'soar@example.com', '--role', 'automation', '--name', 'SOAR'],
      config,
    });
    expect(created.code).toBe(0);
    const [key, , line] = created.out.split('\n');
    expect(key).toMatch(/^cbk_[0-9a-f]{12}_/);
    const id = key?.split('_')[1] as string;
    expect(line).toBe(`key ${id}: soar@example.com as automation in tenant default`);

    const listed = await runCommand({ command: keysList, args: [], config });
    expect(listed.out).toContain(`${id}  default  soar@example.com  automation  active`);
    expect(listed.out).not.toContain(key?.slice(`cbk_${id}_`.length));

    const revoked = await runCommand({ command: keysRevoke, args: [id], config });
    expect(revoked.out).toBe(`revoked key ${id} of soar@example.com in tenant default\n`);
    const json = JSON.parse(
      (await runCommand({ command: keysList, args: ['--json'], config })).out,
    );
    expect(json.keys[0]).toMatchObject({ id, revokedAt: expect.any(Number) });
  });

  it('says what is missing', async () => {
    await expect(
      runCommand({ command: keysCreate, args: ['--role', 'viewer'], config }),
    ).rejects.toThrow(new UsageError('--as <principal> is required'));
    await expect(
      runCommand({ command: keysCreate, args: ['--as', 'x', '--role', 'root'], config }),
    ).rejects.toThrow('--role must be one of admin, analyst, hunter, viewer, automation');
  });
});
