import type { Config } from '../config/config-schema.ts';
import type { OpenDatabase } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { ApiError } from './http/api-error.ts';
import type { RunEvents } from './runs/run-events.ts';
import type { RunQueue } from './runs/run-queue.ts';
import type { TenantRuntime, TenantRuntimes } from './runs/tenant-runtimes.ts';

export type ServerSettings = Config['server'];

/** What the routes are built on; `createApiService` wires it. */
export interface ServerDeps {
  store: OpenDatabase;
  tenants: TenantRuntimes;
  queue: RunQueue;
  events: RunEvents;
  clock: Clock;
  logger: Logger;
  settings: ServerSettings;
  /** The webhook HMAC secret; webhooks are refused (503) without one. */
  webhookSecret: string | undefined;
  /** Budget of each console check of `/health/ready`. */
  readyTimeoutMs?: number;
}

/** The caller's tenant runtime; a tenant with keys but no console is the deployment's fault. */
export function tenantRuntime(deps: ServerDeps, tenantId: string): TenantRuntime {
  const runtime = deps.tenants.get(tenantId);
  if (runtime === undefined) {
    throw new ApiError({
      code: 'TENANT_NOT_CONFIGURED',
      fault: 'config',
      message: `tenant ${tenantId} has no SentinelOne console configured on this server`,
    });
  }
  return runtime;
}
