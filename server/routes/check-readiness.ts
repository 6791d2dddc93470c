import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Readiness } from '../schemas/api-schemas.ts';
import type { ServerDeps } from '../server-deps.ts';

const JOURNAL = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'db',
  'migrations',
  'meta',
  '_journal.json',
);

/**
 * Whether the server can do its work: the database answers a query, every migration
 * this code ships is recorded as applied, and each tenant's console answers
 * `/system/status` within the timeout.
 */
export async function checkReadiness(deps: ServerDeps): Promise<Readiness> {
  const { sqlite } = deps.store;
  let database = false;
  let migrations = false;
  try {
    database = sqlite.prepare('select 1').pluck().get() === 1;
    const shipped = shippedMigrations();
    const applied = sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get();
    migrations = applied === shipped;
  } catch (error) {
    deps.logger.warn({ err: error }, 'ready: the database check failed');
  }

  const tenantIds = deps.tenants.tenantIds();
  const results = await Promise.all(
    tenantIds.map(async (tenantId) => {
      try {
        const runtime = deps.tenants.get(tenantId);
        await runtime?.client.systemStatus({
          signal: AbortSignal.timeout(deps.readyTimeoutMs ?? 2_000),
        });
        return runtime !== undefined;
      } catch (error) {
        deps.logger.warn({ err: error, tenantId }, 'ready: the console did not answer');
        return false;
      }
    }),
  );
  const reachable = results.filter(Boolean).length;

  return {
    status: database && migrations && reachable === tenantIds.length ? 'ready' : 'not_ready',
    checks: { database, migrations, consoles: { total: tenantIds.length, reachable } },
  };
}

let shipped: number | undefined;

/** How many migrations this code ships; read once, the file does not change under it. */
function shippedMigrations(): number {
  shipped ??= (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: unknown[] }).entries.length;
  return shipped;
}
