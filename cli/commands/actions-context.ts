import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/config-error.ts';
import type { Config } from '../../config/config-schema.ts';
import { policyDirectory } from '../../config/policy-directory.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID, getTenant } from '../../db/tenants.ts';
import { itsmActionTools } from '../../itsm/itsm-action-tools.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { printable } from '../../lib/printable.ts';
import { type AuditTrail, createAuditTrail } from '../../policy/audit/audit-trail.ts';
import { createSecretRedactor } from '../../policy/audit/secret-redactor.ts';
import type { HeldAction } from '../../policy/held-actions/held-action.ts';
import { loadHeldAction } from '../../policy/held-actions/held-action-store.ts';
import { createHeldActions, type HeldActions } from '../../policy/held-actions/held-actions.ts';
import { loadTenantPolicy } from '../../policy/rules/load-policy-file.ts';
import type { ItsmCapabilities } from '../../tools/itsm/tools/itsm-capabilities.ts';
import { createToolRegistry } from '../../tools/registry/tool-registry.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import {
  type SentinelOneCapabilities,
  sentinelOneCapabilities,
} from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { SENTINELONE_TOOLS } from '../../tools/sentinelone/tools/sentinelone-tools.ts';
import { flagUsageError } from '../flag-usage-error.ts';
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
    throw flagUsageError({ error, args, options: options ?? {}, positionals: true });
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

/** What a tenant's held actions run through: its console and, when it has one, its ITSM. */
type TenantCapabilities = SentinelOneCapabilities & ItsmCapabilities;

/**
 * A tenant's held actions with the tenant's console client, and its ticket system when
 * the tenant has an ITSM, behind them. The console comes from the configuration's
 * tenants, or the tenants table. Each credential is resolved from its reference only
 * when an approval may have to run an action of its kind: approving a ticket action
 * needs no console token, and a console action never reads the ITSM credential.
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
  let consoleCaps: SentinelOneCapabilities | undefined;
  const openConsole = (): SentinelOneCapabilities => {
    consoleCaps ??= withConsole
      ? tenantConsole({ store, config, tenantId, logger })
      : noConsole(tenantId);
    return consoleCaps;
  };
  const itsmSettings = config.itsm[tenantId];
  const itsm =
    itsmSettings === undefined
      ? null
      : itsmActionTools({
          db: store.db,
          settings: itsmSettings,
          tenantId,
          clock: systemClock,
          logger,
        });
  const noTickets = unavailable<ItsmCapabilities['reads']['tickets']>(
    'itsm',
    `an ITSM for tenant ${tenantId}`,
  );

  const tenantConsoleUrl = (
    config.tenants.find((candidate) => candidate.id === tenantId) ??
    getTenant({ db: store.db, id: tenantId })
  )?.consoleUrl;
  const { policy } = loadTenantPolicy({ directory: policyDirectory(config), tenantId });
  const actions = createHeldActions({
    db: store.db,
    tenantId,
    policy,
    consoleUrl: (tool) =>
      itsm !== null && itsmSettings !== undefined && itsm.names.has(tool)
        ? itsmSettings.baseUrl
        : tenantConsoleUrl,
    registry: createToolRegistry<TenantCapabilities>([
      ...SENTINELONE_TOOLS,
      ...(itsm?.tools ?? []),
    ]),
    capabilities: {
      reads: {
        sentinelone: deferMethods(() => openConsole().reads.sentinelone),
        tickets: itsm?.capabilities.reads.tickets ?? noTickets,
      },
      writes: {
        sentinelone: deferMethods(() => openConsole().writes.sentinelone),
        tickets: itsm?.capabilities.writes.tickets ?? noTickets,
      },
    },
    audit: tenantAuditTrail({ store, config, tenantId }),
    clock: systemClock,
    logger,
  });

  // A missing credential stops a decision that may run the action before it is recorded.
  const prepare = (tool: string | undefined) => {
    if (tool !== undefined && itsm?.names.has(tool)) itsm.prepare();
    else openConsole();
  };
  const toolOf = (id: string) => loadHeldAction(store.db, { tenantId, id })?.tool;
  return {
    ...actions,
    approve: (input) => {
      prepare(toolOf(input.id));
      return actions.approve(input);
    },
    editAndApprove: (input) => {
      prepare(toolOf(input.id));
      return actions.editAndApprove(input);
    },
    recoverInterrupted: (input) => {
      for (const action of actions.list({ statuses: ['executing'] })) prepare(action.tool);
      return actions.recoverInterrupted(input);
    },
  };
}

/** Methods that open their object on the first call, so building one reads no secret. */
function deferMethods<Methods extends object>(open: () => Methods): Methods {
  return new Proxy({} as Methods, {
    get:
      (_, name) =>
      (...args: unknown[]) => {
        const target = open();
        const method = Reflect.get(target, name) as (...params: unknown[]) => unknown;
        return Reflect.apply(method, target, args);
      },
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
  const missing = unavailable<object>('tenants', `a console for tenant ${tenantId}`);
  return {
    reads: { sentinelone: missing },
    writes: { sentinelone: missing },
  } as SentinelOneCapabilities;
}

/** A client that is not configured: any call says which configuration key is missing. */
function unavailable<Client extends object>(key: string, expected: string): Client {
  return new Proxy({} as Client, {
    get: () => () => {
      throw new ConfigError([{ key, source: 'configuration', expected }]);
    },
  });
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
