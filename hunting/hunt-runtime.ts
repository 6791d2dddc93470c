import type { CasebookDb } from '../db/open-database.ts';
import type { Clock } from '../lib/clock.ts';
import { type Logger, silentLogger } from '../lib/logger.ts';
import { createToolGate, type Policy } from '../policy/index.ts';
import { createSentinelOneClient } from '../tools/sentinelone/sentinelone-client.ts';
import { sentinelOneCapabilities } from '../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { createSentinelOneRegistry } from '../tools/sentinelone/tools/sentinelone-tools.ts';
import { createHuntService, type HuntService } from './chat/hunt-service.ts';
import { createGatedHuntRunner } from './run/hunt-runner.ts';
import type { HuntTranslator } from './translate/hunt-translation.ts';
import { createOfflineTranslator } from './translate/translate-offline.ts';

/**
 * A tenant's hunting service wired the way production wires it: the typed SentinelOne
 * client behind the tenant's policy gate, hunts run through the gated Deep Visibility read
 * tool (audited, rate limited), threads in casebook's database.
 */
export function createHuntRuntime({
  db,
  tenantId,
  consoleUrl,
  token,
  policy,
  policySource,
  clock,
  logger = silentLogger,
  translator = createOfflineTranslator(),
  defaultWindowMs,
  timeoutMs,
  maxRetries,
  fetch,
}: {
  db: CasebookDb;
  tenantId: string;
  consoleUrl: string;
  token: string;
  policy: Policy;
  policySource?: string;
  clock: Clock;
  logger?: Logger;
  translator?: HuntTranslator;
  defaultWindowMs?: number;
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof globalThis.fetch;
}): HuntService {
  const client = createSentinelOneClient({
    baseUrl: consoleUrl,
    token,
    logger,
    clock,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
    ...(fetch === undefined ? {} : { fetch }),
  });
  const gate = createToolGate({
    db,
    tenantId,
    registry: createSentinelOneRegistry(),
    capabilities: sentinelOneCapabilities(client),
    policy,
    ...(policySource === undefined ? {} : { policySource }),
    clock,
    logger,
    consoleUrl,
  });

  return createHuntService({
    db,
    clock,
    logger,
    runQuery: createGatedHuntRunner({ gate }),
    translator,
    ...(defaultWindowMs === undefined ? {} : { defaultWindowMs }),
  });
}
