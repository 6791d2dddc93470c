import { modelRegistryFromConfig } from '../../agents/index.ts';
import { policyDirectory } from '../../config/policy-directory.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID } from '../../db/tenants.ts';
import { createHuntRuntime } from '../../hunting/hunt-runtime.ts';
import { runHuntRepl } from '../../hunting/repl/run-hunt-repl.ts';
import { huntTranslatorFromRegistry } from '../../hunting/translate/hunt-translator-from-registry.ts';
import { clockStartingAt, systemClock } from '../../lib/clock.ts';
import { loadTenantPolicy } from '../../policy/index.ts';
import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { startSimulator } from '../../sim/start-simulator.ts';
import { telemetryEnd } from '../../sim/telemetry-end.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { requireTenant } from './console-target.ts';

const USAGE = `Usage: casebook hunt [options]

A threat-hunting chat in the terminal. Ask in plain language; casebook writes an S1QL query,
checks it, explains it, runs it on Deep Visibility through the policy gate and summarises
the results with the event ids they rest on. Follow-ups edit the last query ("only on
WKS-12", "drop svchost", "last two hours", "show the parents"). Lines starting with ":"
are commands (:new, :history, :threads, :promote, :quit). Piped input is read line by line.

Without --tenant, the local simulator starts with the built-in scenarios, and "now" is the
end of their telemetry.

Options:
  --tenant <id>     a configured tenant: its console and token reference
  --hunter <id>     who is hunting; threads are kept per hunter (default: $USER)
  --model <spec>    offline (default) | openai:<model> | openai-compatible:<base URL>#<model>
                    (otherwise the configured agentModels.hunting, then model)`;

const YEAR = 365 * 86_400_000;

/** `casebook hunt`: the hunting REPL. */
export const hunt: Command = {
  name: ['hunt'],
  summary: 'Chat with the hunting agent: plain language to checked, explained S1QL',
  usage: USAGE,

  async run({ args, config, logger, stdout, stdin, interrupted }) {
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        tenant: { type: 'string' },
        hunter: { type: 'string' },
        model: { type: 'string' },
      },
    });
    if (positionals.length > 0) throw new UsageError('takes no arguments; ask on standard input');
    const hunterId = values.hunter ?? process.env.USER ?? 'hunter';
    const translator = huntTranslatorFromRegistry({
      registry: modelRegistryFromConfig({ config, model: values.model }),
    });
    const store = openDatabase({ path: config.databasePath });
    const input = stdin ?? process.stdin;
    const interactive = input.isTTY === true;

    const repl = (service: ReturnType<typeof createHuntRuntime>, tenantId: string) =>
      runHuntRepl({ service, tenantId, hunterId, input, output: stdout, interactive, interrupted });

    try {
      if (values.tenant !== undefined) {
        const tenant = requireTenant({ config, db: store.db, id: values.tenant });
        const { policy, source } = loadTenantPolicy({
          directory: policyDirectory(config),
          tenantId: tenant.id,
        });
        const service = createHuntRuntime({
          db: store.db,
          tenantId: tenant.id,
          consoleUrl: tenant.consoleUrl,
          token: resolveSecret({ ref: tenant.tokenRef }),
          policy,
          policySource: source,
          clock: systemClock,
          logger,
          translator,
          timeoutMs: config.sentinelone.timeoutMs,
          maxRetries: config.sentinelone.maxRetries,
        });
        return await repl(service, tenant.id);
      }

      const { scenarios } = await collectScenarios({ logger });
      const sim = await startSimulator({ scenarios, timing: { dvQueryRunningMs: 0 }, logger });
      try {
        const end = telemetryEnd(scenarios) ?? systemClock.now();
        stdout.write(
          `simulator: ${scenarios.length} built-in scenarios; "now" is ` +
            `${new Date(end).toISOString()}, the end of their telemetry\n`,
        );
        const { policy, source } = loadTenantPolicy({
          directory: policyDirectory(config),
          tenantId: DEFAULT_TENANT_ID,
        });
        const service = createHuntRuntime({
          db: store.db,
          tenantId: DEFAULT_TENANT_ID,
          consoleUrl: sim.url,
          token: sim.token,
          policy,
          policySource: source,
          clock: clockStartingAt(systemClock, end),
          logger,
          translator,
          defaultWindowMs: YEAR,
        });
        return await repl(service, DEFAULT_TENANT_ID);
      } finally {
        await sim.close();
      }
    } finally {
      store.close();
    }
  },
};
