import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/config-error.ts';
import type { Config } from '../../config/config-schema.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID, getTenant } from '../../db/tenants.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { printable } from '../../lib/printable.ts';
import { type AuditTrail, createAuditTrail } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import type { HeldAction } from '../../policy/held-actions/held-action.ts';
import { createHeldActions, type HeldActions } from '../../policy/held-actions/held-actions.ts';
import { loadTenantPolicy } from '../../policy/rules/load-policy-file.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import {
  type SentinelOneCapabilities,
  sentinelOneCapabilities,
} from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { createSentinelOneRegistry } from '../../tools/sentinelone/tools/sentinelone-tools.ts';
import { UsageError } from '../usage-error.ts';

/** Shared by the `casebook actions …` commands: flags, the store, a tenant's held actions. */

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export function parseCommandArgs<O extends Options>(
  args: string[],
  options: O,
  positionals: number,
) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 0
        ? 'takes no arguments'
        : `expects ${positionals} argument(s), got ${parsed.positionals.length}`,
    );
  }
  return parsed;
}

/**
 * Where tenant policy files live until the configuration names a place:
 * `policies/<tenant>.yaml` beside the database.
 */
export function policyDirectory(config: Config): string {
  return join(dirname(config.databasePath), 'policies');
}

/**
 * A tenant's held actions with the tenant's console client behind them. The console
 * comes from the configuration's tenants, or the tenants table; the token is resolved
 * from its reference only here, when an approval may have to run an action.
 */
export function openTenantActions({
  store,
  config,
  tenantId,
  logger,
  withConsole,
}: {
  store: OpenDatabase;
  config: Config;
  tenantId: string;
  logger: Logger;
  withConsole: boolean;
}): HeldActions {
  return createHeldActions({
    db: store.db,
    tenantId,
    registry: createSentinelOneRegistry(),
    capabilities: withConsole
      ? tenantConsole({ store, config, tenantId, logger })
      : noConsole(tenantId),
    audit: tenantAuditTrail({ store, config, tenantId }),
    clock: systemClock,
    logger,
  });
}

/** The audit trail, redacting what the tenant's policy file adds to the secret list. */
export function tenantAuditTrail({
  store,
  config,
  tenantId,
}: {
  store: OpenDatabase;
  config: Config;
  tenantId: string;
}): AuditTrail {
  const { policy } = loadTenantPolicy({ directory: policyDirectory(config), tenantId });
  return createAuditTrail({
    db: store.db,
    clock: systemClock,
    redactor: createSecretRedactor(policy.redact),
  });
}

function tenantConsole({
  store,
  config,
  tenantId,
  logger,
}: {
  store: OpenDatabase;
  config: Config;
  tenantId: string;
  logger: Logger;
}): SentinelOneCapabilities {
  const tenant =
    config.tenants.find((candidate) => candidate.id === tenantId) ??
    getTenant({ db: store.db, id: tenantId });
  if (tenant === undefined) {
    throw new ConfigError([
      {
        key: 'tenants',
        source: 'configuration',
        expected: `a tenant "${tenantId}" with its console URL and token reference`,
      },
    ]);
  }

  const client = createSentinelOneClient({
    baseUrl: tenant.consoleUrl,
    token: resolveSecret({ ref: tenant.tokenRef }),
    timeoutMs: config.sentinelone.timeoutMs,
    maxRetries: config.sentinelone.maxRetries,
    logger,
  });
  return sentinelOneCapabilities(client);
}

// Listing and denying never touch the console; a missing console must not stop them.
function noConsole(tenantId: string): SentinelOneCapabilities {
  const unavailable = new Proxy(
    {},
    {
      get: () => () => {
        throw new ConfigError([
          { key: 'tenants', source: 'configuration', expected: `a console for tenant ${tenantId}` },
        ]);
      },
    },
  );
  return {
    reads: { sentinelone: unavailable },
    writes: { sentinelone: unavailable },
  } as SentinelOneCapabilities;
}

export function openStore(config: Config): OpenDatabase {
  return openDatabase({ path: config.databasePath });
}

export const TENANT_OPTION = { tenant: { type: 'string', default: DEFAULT_TENANT_ID } } as const;

const DECISION_OPTIONS = {
  ...TENANT_OPTION,
  as: { type: 'string' },
  comment: { type: 'string' },
} as const;

/**
 * The flags of a command that decides on one held action: the action's id, who decides
 * (`--as`, required; `who` says what that person does) and an optional comment, plus
 * the command's `extra` options.
 */
export function parseDecisionArgs<Extra extends Options = Record<never, never>>({
  args,
  who,
  extra,
}: {
  args: string[];
  who: string;
  extra?: Extra;
}) {
  const options = { ...DECISION_OPTIONS, ...extra } as typeof DECISION_OPTIONS & Extra;
  const { values, positionals } = parseCommandArgs(args, options, 1);
  // parseArgs cannot type the values of options that are still generic; `as` is a string.
  const principalId = (values as { as?: string }).as;
  if (principalId === undefined) throw new UsageError(`--as <user> is required: ${who}`);

  return { id: positionals[0] as string, principalId, values };
}

/**
 * Runs `use` with a tenant's held actions (see `openTenantActions`) and closes the store
 * afterwards, whether `use` succeeded or not.
 */
export async function withTenantActions<Result>({
  config,
  tenantId,
  logger,
  withConsole,
  use,
}: {
  config: Config;
  tenantId: string;
  logger: Logger;
  withConsole: boolean;
  use: (actions: HeldActions) => Result | Promise<Result>;
}): Promise<Result> {
  const store = openStore(config);
  try {
    const actions = openTenantActions({ store, config, tenantId, logger, withConsole });
    return await use(actions);
  } finally {
    store.close();
  }
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One line per action: what it is, where it stands, who approved it. */
export function describeHeldAction(action: HeldAction): string {
  const approvals = `${action.approvedBy.length}/${action.approvalsRequired}`;
  const by = action.approvedBy.length === 0 ? '' : ` by ${action.approvedBy.join(', ')}`;
  const outcome = action.outcome?.verification ? ` (${action.outcome.verification.detail})` : '';
  const error = action.outcome?.error ? ` (${action.outcome.error.message})` : '';
  const hash = action.argsHash.slice(0, 12);

  return [
    `${action.id}  ${action.status}${outcome}${error}`,
    `  ${action.tool} on case ${action.caseId}: ${action.preview.summary}`,
    `  approvals ${approvals}${by}; expires ${time(action.expiresAt)}; args ${hash}`,
    `  asked by ${action.agentId} (run ${action.runId}): ${action.reason || '(no reason given)'}`,
  ]
    .map((text) => printable(text))
    .join('\n');
}
