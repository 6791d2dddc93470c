import { type AnalysisRuntime, createAnalysisRuntime } from '../../cli/commands/run.ts';
import type { Config } from '../../config/config-schema.ts';
import { policyDirectory } from '../../config/policy-directory.ts';
import type { OpenDatabase } from '../../db/open-database.ts';
import {
  createGatedHuntRunner,
  createHuntService,
  type HuntService,
  huntTranslatorFromRegistry,
} from '../../hunting/index.ts';
import { type Clock, clockStartingAt } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { VerifyTiming } from '../../policy/execution/execute-write.ts';
import type { HeldActions } from '../../policy/held-actions/held-actions.ts';
import { loadTenantPolicy } from '../../policy/rules/load-policy-file.ts';
import { policyFileStamp } from '../../policy/rules/policy-file-stamp.ts';
import {
  createSentinelOneClient,
  type SentinelOneClient,
} from '../../tools/sentinelone/sentinelone-client.ts';
import { createTenantHeldActions } from './tenant-held-actions.ts';

const REPLAY_WINDOW_MS = 365 * 86_400_000;
const POLICY_CHECK_MS = 1_000;

/** A tenant's console, with its token already resolved from its reference. */
export interface TenantConsole {
  tenantId: string;
  consoleUrl: string;
  token: string;
  /**
   * Set for a local simulator replaying recorded telemetry: where that telemetry ends.
   * Hunts then count "now" from there (see `telemetryEnd`).
   */
  replayEndsAt?: number;
}

/** What the server needs per tenant: the case-run runtime, its held actions, a client. */
export interface TenantRuntime {
  tenantId: string;
  consoleUrl: string;
  analysis: AnalysisRuntime;
  actions: HeldActions;
  /** For the poller and the readiness check; case runs use their own through the gate. */
  client: SentinelOneClient;
  /** The hunting agent, hunting through the same gate as the case runs. */
  hunting: HuntService;
}

export interface TenantRuntimes {
  tenantIds(): readonly string[];
  /** Built on first use and kept; undefined for a tenant without a console. */
  get(tenantId: string): TenantRuntime | undefined;
}

/**
 * Each tenant's runtime, wired as `casebook run` wires it (policy gate, audit trail,
 * models, template), plus its held actions on the same audit trail, so approving over
 * HTTP runs the action on that tenant's console and nowhere else.
 */
export function createTenantRuntimes({
  store,
  config,
  consoles,
  clock,
  logger,
  verifyTiming,
  fetch,
}: {
  store: OpenDatabase;
  config: Config;
  consoles: readonly TenantConsole[];
  clock: Clock;
  logger: Logger;
  verifyTiming?: VerifyTiming;
  fetch?: typeof globalThis.fetch;
}): TenantRuntimes {
  const byId = new Map(consoles.map((entry) => [entry.tenantId, entry]));
  const built = new Map<string, { runtime: TenantRuntime; stamp: string; checkedAt: number }>();
  const directory = policyDirectory(config);

  return {
    tenantIds: () => [...byId.keys()].sort(),
    get(tenantId) {
      // An edited policy file takes effect on the next run; runs under way keep theirs.
      // The policy file is looked at no more than once a second, however busy the API is.
      const now = clock.now();
      const ready = built.get(tenantId);
      if (ready !== undefined && now - ready.checkedAt < POLICY_CHECK_MS) return ready.runtime;
      const stamp = policyFileStamp({ directory, tenantId });
      if (ready !== undefined && ready.stamp === stamp) {
        ready.checkedAt = now;
        return ready.runtime;
      }
      const known = byId.get(tenantId);
      if (known === undefined) return undefined;

      const analysis = createAnalysisRuntime({
        store,
        config,
        tenantId,
        consoleUrl: known.consoleUrl,
        token: known.token,
        logger,
        clock,
        ...(fetch === undefined ? {} : { fetch }),
      });
      const client = createSentinelOneClient({
        baseUrl: known.consoleUrl,
        token: known.token,
        timeoutMs: config.sentinelone.timeoutMs,
        maxRetries: config.sentinelone.maxRetries,
        logger,
        clock,
        ...(fetch === undefined ? {} : { fetch }),
      });
      const actions = createTenantHeldActions({
        db: store.db,
        config,
        tenantId,
        policy: loadTenantPolicy({ directory, tenantId }).policy,
        consoleUrl: known.consoleUrl,
        client,
        audit: analysis.audit,
        clock,
        logger,
        verifyTiming,
      });
      const hunting = createHuntService({
        db: store.db,
        clock:
          known.replayEndsAt === undefined ? clock : clockStartingAt(clock, known.replayEndsAt),
        logger,
        runQuery: createGatedHuntRunner({ gate: analysis.gate }),
        translator: huntTranslatorFromRegistry({ registry: analysis.models }),
        // Recorded telemetry spans whatever it spans; a week's default could miss it.
        ...(known.replayEndsAt === undefined ? {} : { defaultWindowMs: REPLAY_WINDOW_MS }),
      });
      const runtime = {
        tenantId,
        consoleUrl: known.consoleUrl,
        analysis,
        actions,
        client,
        hunting,
      };
      built.set(tenantId, { runtime, stamp, checkedAt: now });
      return runtime;
    },
  };
}
