import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Config, type ConfigInput } from '../../config/config-schema.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { createManualClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createAuditTrail } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import type { ScenarioInput } from '../../sim/scenario.ts';
import { loadBuiltinScenarios } from '../../sim/scenarios/load-builtin-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { telemetryEnd } from '../../sim/telemetry-end.ts';
import { createApiKey } from '../auth/api-keys.ts';
import type { ApiKeyRole } from '../auth/auth-context.ts';
import { type ApiService, createApiService } from '../create-api-service.ts';
import type { CreateServerOptions } from '../create-server.ts';
import { signWebhook } from '../webhooks/webhook-signature.ts';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** The threat of the built-in phishing scenario: a true positive on one endpoint. */
export const PHISHING_THREAT = '229149014525984882';
/** The built-in benign admin deployment: a false positive, so no isolation is advised. */
export const ADMIN_THREAT = '297989924709466085';

export interface ApiHarness {
  service: ApiService;
  config: Config;
  store: OpenDatabase;
  sim: RunningSimulator;
  clock: ReturnType<typeof createManualClock>;
  /** A key per role in tenant `default`, and an admin key of tenant `other`. */
  keys: Record<ApiKeyRole, string> & { otherTenant: string; secondAnalyst: string };
  request(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A webhook signed now (or at `signedAt`, unix ms) with the harness secret. */
  webhook(body: unknown, options?: { key?: string; signedAt?: number }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The API on its own database with the built-in scenarios on a simulator over loopback,
 * driven in-process with `app.request()`. Tenants `default` and `other` both point at
 * the simulator, so cross-tenant checks have something to find. Simulator, client,
 * queue and verification share a manual clock, so waits pass instantly.
 */
export async function startApiHarness({
  config: overrides = {},
  scenarios,
  webhooks = true,
  extraRoutes,
  extraApps,
}: {
  config?: ConfigInput;
  scenarios?: readonly ScenarioInput[];
  /** False starts the server without a webhook secret. */
  webhooks?: boolean;
  extraRoutes?: CreateServerOptions['extraRoutes'];
  extraApps?: CreateServerOptions['extraApps'];
} = {}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-api-'));
  const config = Config.parse({ databasePath: join(dir, 'casebook.db'), ...overrides });
  const clock = createManualClock(Date.now());
  const loaded = scenarios ?? (await loadBuiltinScenarios());
  const replayEndsAt = telemetryEnd(loaded);
  const sim = await startSimulator({
    scenarios: loaded,
    clock,
    timing: { dvQueryRunningMs: 0, networkChangeMs: 1_500 },
  });
  const store = openDatabase({ path: config.databasePath });
  const service = createApiService({
    store,
    config,
    consoles: ['default', 'other'].map((tenantId) => ({
      tenantId,
      consoleUrl: sim.url,
      token: sim.token,
      ...(replayEndsAt === undefined ? {} : { replayEndsAt }),
    })),
    logger: silentLogger,
    clock,
    webhookSecret: webhooks ? WEBHOOK_SECRET : undefined,
    verifyTiming: { timeoutMs: 20_000, pollMs: 500 },
    readyTimeoutMs: 2_000,
    ...(extraRoutes === undefined ? {} : { extraRoutes }),
    ...(extraApps === undefined ? {} : { extraApps }),
  });
  service.start();

  const audit = createAuditTrail({ db: store.db, clock, redactor: createSecretRedactor() });
  const make = (tenantId: string, principalId: string, role: ApiKeyRole) =>
    createApiKey({ db: store.db, clock, audit, tenantId, principalId, role, createdBy: 'test' })
      .key;
  const keys = {
    admin: make('default', 'ada@example.com', 'admin'),
    analyst: make('default', 'alice@example.com', 'analyst'),
    secondAnalyst: make('default', 'bob@example.com', 'analyst'),
    hunter: make('default', 'hank@example.com', 'hunter'),
    viewer: make('default', 'vera@example.com', 'viewer'),
    automation: make('default', 'soar-bot', 'automation'),
    otherTenant: make('other', 'olga@example.com', 'admin'),
  };

  const request: ApiHarness['request'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    const body =
      options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    return Promise.resolve(
      service.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }),
    );
  };

  return {
    service,
    config,
    store,
    sim,
    clock,
    keys,
    request,
    webhook: (body, { key = keys.automation, signedAt = clock.now() } = {}) => {
      const raw = typeof body === 'string' ? body : JSON.stringify(body);
      const timestamp = Math.floor(signedAt / 1000);
      return request('POST', '/v1/webhooks/sentinelone', {
        key,
        raw,
        headers: {
          'x-casebook-timestamp': String(timestamp),
          'x-casebook-signature': signWebhook({ secret: WEBHOOK_SECRET, timestamp, body: raw }),
        },
      });
    },
    close: async () => {
      await service.close({ timeoutMs: 20_000 });
      await sim.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
