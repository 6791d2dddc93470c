import { dirname, join, resolve } from 'node:path';
import {
  type AnalyseCaseResult,
  analyseCase,
  createCasebookMastra,
  loadNotificationTemplate,
  type ModelRegistry,
  modelRegistryFromConfig,
  type NotificationTemplate,
  type RunStep,
  renderFirstLook,
} from '../../agents/index.ts';
import type { Config } from '../../config/config-schema.ts';
import { policyDirectory } from '../../config/policy-directory.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { printable } from '../../lib/printable.ts';
import {
  type AuditTrail,
  createAuditTrail,
  createSecretRedactor,
  createToolGate,
  loadTenantPolicy,
  type ToolGate,
} from '../../policy/index.ts';
import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { startSimulator } from '../../sim/start-simulator.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';
import { sentinelOneCapabilities } from '../../tools/sentinelone/tools/sentinelone-capabilities.ts';
import { createSentinelOneRegistry } from '../../tools/sentinelone/tools/sentinelone-tools.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { CONSOLE_TARGET_OPTIONS, checkConsoleFlags, requireTenant } from './console-target.ts';

const USAGE = `Usage: casebook run <threatId> [options]

Gives a SentinelOne case its first look: the supervisor and its specialists (timeline,
triage, comms) read the case through the policy gate and answer with a verdict,
confidence, severity, ATT&CK techniques, root cause, affected assets, IOCs, a timeline and a
customer notification draft, each claim citing event ids. The first look is stored, and
posted as an AI-draft case note where the tenant's policy allows.

A hunt promoted to a case (:promote in casebook hunt) runs by its case id in place of the
threat id, hunt-<thread id>: its evidence is the events the hunt cited, fetched again by
re-running its queries; it has no console threat, so no case note is posted.

Without --tenant or --console, the local simulator starts with the built-in scenarios.

Options:
  --tenant <id>        a configured tenant: its console and token reference
  --console <url>      a console origin, e.g. https://usea1.sentinelone.net
  --token-ref <ref>    where its API token lives: env:NAME or file:/path (never the token)
  --model <spec>       offline (default) | openai:<model> |
                       openai-compatible:<base URL>#<model>
  --report             also write the post-incident report
  --no-note            do not offer the first look to the console as a note
  --contain            ask for the isolation a true-positive first look advises; policy
                       holds it for approval (two approvers by default)
  --json               print the result as JSON`;

export interface AnalysisRuntime {
  gate: ToolGate;
  audit: AuditTrail;
  mastra: ReturnType<typeof createCasebookMastra>;
  models: ModelRegistry;
  template: NotificationTemplate;
}

/**
 * Everything a tenant's case runs need, wired the way production wires it: the typed
 * client behind the SentinelOne tools, the tenant's policy gate and audit trail, the
 * model registry from configuration and the tenant's notification template.
 */
export function createAnalysisRuntime({
  store,
  config,
  tenantId,
  consoleUrl,
  token,
  logger,
  clock = systemClock,
  model,
  fetch,
}: {
  store: OpenDatabase;
  config: Config;
  tenantId: string;
  consoleUrl: string;
  token: string;
  logger: Logger;
  clock?: Clock;
  model?: string | undefined;
  fetch?: typeof globalThis.fetch;
}): AnalysisRuntime {
  const { policy, source } = loadTenantPolicy({ directory: policyDirectory(config), tenantId });
  const audit = createAuditTrail({
    db: store.db,
    clock,
    redactor: createSecretRedactor(policy.redact),
  });
  const client = createSentinelOneClient({
    baseUrl: consoleUrl,
    token,
    timeoutMs: config.sentinelone.timeoutMs,
    maxRetries: config.sentinelone.maxRetries,
    logger,
    clock,
    ...(fetch === undefined ? {} : { fetch }),
  });
  const registry = createSentinelOneRegistry();
  const gate = createToolGate({
    db: store.db,
    tenantId,
    registry,
    capabilities: sentinelOneCapabilities(client),
    policy,
    policySource: source,
    clock,
    logger,
    audit,
    consoleUrl,
  });

  return {
    gate,
    audit,
    mastra: createCasebookMastra({ tools: registry.describe() }),
    models: modelRegistryFromConfig({ config, model }),
    template: loadNotificationTemplate({ directory: templateDirectory(config), tenantId }).template,
  };
}

/** Where tenant notification templates live: `templates/<tenant>.yaml` beside the database. */
export function templateDirectory(config: Config): string {
  return join(dirname(config.databasePath), 'templates');
}

/** One progress line per step, for a person watching a terminal. */
export function progressLine(step: RunStep): string {
  const detail = step.detail === '' ? '' : `: ${step.detail.slice(0, 100)}`;
  return printable(`  · ${step.agentId.padEnd(10)} ${step.name} ${step.status}${detail}`);
}

/** The outcome of a run for a person: the first look, or why there is none. */
export function describeResult(result: AnalyseCaseResult, where: string): string {
  if (result.status === 'failed') {
    const { failure } = result;
    const tool = failure.tool === undefined ? '' : ` (${failure.tool})`;
    return [
      printable(`run ${result.runId} failed at ${failure.stage}${tool}: ${failure.message}`),
      `its steps are stored in ${where}`,
    ].join('\n');
  }
  return [
    renderFirstLook(result.firstLook),
    '',
    printable(
      `case note: ${result.note.status}` +
        (result.note.detail === '' ? '' : ` (${result.note.detail})`),
    ),
    ...(result.containment === undefined
      ? []
      : [printable(`isolation: ${result.containment.status} (${result.containment.detail})`)]),
    `stored: run ${result.runId} in ${where}`,
  ].join('\n');
}

/** `casebook run`: the main job on one case (`casebook analyse` is its alias). */
export const run: Command = {
  name: ['run'],
  summary: 'Give a case its cited first look (offline model by default)',
  usage: USAGE,

  async run({ args, config, logger, stdout, stderr }) {
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        ...CONSOLE_TARGET_OPTIONS,
        model: { type: 'string' },
        report: { type: 'boolean' },
        'no-note': { type: 'boolean' },
        contain: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const [threatId, ...extra] = positionals;
    if (threatId === undefined || extra.length > 0) {
      throw new UsageError('expects one threat id or promoted hunt case id');
    }
    checkConsoleFlags(values);
    if (values.tenant !== undefined && values.console !== undefined) {
      throw new UsageError('give either --tenant or --console, not both');
    }

    const store = openDatabase({ path: config.databasePath });
    const where = config.databasePath === ':memory:' ? 'memory' : resolve(config.databasePath);
    const isTty = (stderr as { isTTY?: boolean }).isTTY === true;
    const onStep =
      isTty && values.json !== true
        ? (step: RunStep) => stderr.write(`${progressLine(step)}\n`)
        : undefined;

    const runOn = async (tenantId: string, consoleUrl: string, token: string) => {
      const runtime = createAnalysisRuntime({
        store,
        config,
        tenantId,
        consoleUrl,
        token,
        logger,
        model: values.model,
      });
      return analyseCase({
        tenantId,
        threatId,
        ...runtime,
        db: store.db,
        report: values.report === true,
        postNote: values['no-note'] !== true,
        proposeContainment: values.contain === true,
        budget: config.caseBudget,
        trigger: 'cli',
        ...(onStep === undefined ? {} : { onStep }),
      });
    };

    try {
      let result: AnalyseCaseResult;
      if (values.console !== undefined && values['token-ref'] !== undefined) {
        const token = resolveSecret({ ref: values['token-ref'] });
        result = await runOn(DEFAULT_TENANT_ID, values.console, token);
      } else if (values.tenant !== undefined) {
        const tenant = requireTenant({ config, db: store.db, id: values.tenant });
        result = await runOn(tenant.id, tenant.consoleUrl, resolveSecret({ ref: tenant.tokenRef }));
      } else {
        const { scenarios } = await collectScenarios({ logger });
        const known = scenarios.flatMap((scenario) =>
          (scenario.threats ?? []).map((threat) => ({ id: threat.id, title: scenario.title })),
        );
        if (!threatId.startsWith('hunt-') && !known.some((threat) => threat.id === threatId)) {
          const listed = known.map((threat) => `  ${threat.id}  ${threat.title ?? ''}`);
          stderr.write(
            `casebook run: the local simulator has no threat ${printable(threatId)}; ` +
              `its cases are:\n${listed.join('\n')}\n`,
          );
        }
        const sim = await startSimulator({
          scenarios,
          timing: { dvQueryRunningMs: 0, networkChangeMs: 1_500 },
          logger,
        });
        try {
          result = await runOn(DEFAULT_TENANT_ID, sim.url, sim.token);
        } finally {
          await sim.close();
        }
      }

      stdout.write(
        values.json === true
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${describeResult(result, where)}\n`,
      );
      return result.status === 'succeeded' ? 0 : 1;
    } finally {
      store.close();
    }
  },
};
