import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { serve } from '../cli/commands/serve.ts';
import { UsageError } from '../cli/usage-error.ts';
import { Config } from '../config/config-schema.ts';
import { openDatabase } from '../db/open-database.ts';
import { runRequests } from '../db/schema.ts';
import { silentLogger } from '../lib/logger.ts';

function start(config: Config, args: string[]) {
  let out = '';
  let stop = () => {};
  const done = serve.run({
    args,
    config,
    logger: silentLogger,
    stdout: new Writable({
      write(chunk, _encoding, next) {
        out += String(chunk);
        next();
      },
    }),
    stderr: new Writable({ write: (_chunk, _encoding, next) => next() }),
    interrupted: new Promise<void>((resolve) => {
      stop = resolve;
    }),
  });
  return { done, stop, out: () => out };
}

describe('a second casebook serve on a busy port', () => {
  it('fails on the port without touching the first server’s runs', async () => {
    const config = Config.parse({
      databasePath: join(mkdtempSync(join(tmpdir(), 'casebook-two-serves-')), 'casebook.db'),
    });
    const first = start(config, ['--port', '0']);
    for (let i = 0; i < 200 && !first.out().includes('listening on'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(first.out())?.[1] ?? '';
    expect(port).toMatch(/^\d+$/);

    // A run the first server is working on right now.
    const store = openDatabase({ path: config.databasePath });
    const now = Date.now();
    store.db
      .insert(runRequests)
      .values({
        id: 'run-live',
        tenantId: 'default',
        caseId: '229149014525984882',
        trigger: 'api',
        status: 'running',
        requestedBy: 'alice@example.com',
        createdAt: now,
        startedAt: now,
      })
      .run();

    const second = start(config, ['--port', port]);
    await expect(second.done).rejects.toThrow(UsageError);

    const row = store.db.select().from(runRequests).where(eq(runRequests.id, 'run-live')).get();
    expect(row?.status).toBe('running');
    store.close();
    first.stop();
    expect(await first.done).toBe(0);
  });
});
