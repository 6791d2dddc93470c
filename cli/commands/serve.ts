import { ConfigError } from '../../config/config-error.ts';
import type { Config } from '../../config/config-schema.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { type OpenDatabase, openDatabase } from '../../db/open-database.ts';
import { DEFAULT_TENANT_ID, listTenants } from '../../db/tenants.ts';
import type { Logger } from '../../lib/logger.ts';
import { createApiService } from '../../server/create-api-service.ts';
import { listen } from '../../server/listen.ts';
import { settleInterruptedActions } from '../../server/runs/settle-interrupted-actions.ts';
import type { TenantConsole } from '../../server/runs/tenant-runtimes.ts';
import { collectScenarios } from '../../sim/collect-scenarios.ts';
import { type RunningSimulator, startSimulator } from '../../sim/start-simulator.ts';
import { telemetryEnd } from '../../sim/telemetry-end.ts';
import type { Command } from '../command.ts';
import { integerFlag, parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';

const USAGE = `Usage: casebook serve [options]

Serves the HTTP API: signed SentinelOne webhooks and case runs, first looks, held actions
and approvals, hunting threads, audit, health, /openapi.json and an interactive page at
/docs. Keys come from \`casebook keys create\`.

Without configured tenants, a local simulator starts with the built-in scenarios and
serves as the console of tenant "default"; hunts there count "now" from the end of the
recorded telemetry.

Options:
  --host <addr>        address to bind (default: config server.host, 127.0.0.1)
  --port <n>           port, 0 for any free one (default: config server.port, 4600)
  --poll               poll each tenant's console for new threats (server.poller)
  --scenario <file>    load a scenario JSON file into the local simulator (repeatable)
  --no-builtin         the local simulator without the built-in scenarios`;

/** `casebook serve`: the HTTP API, until Ctrl-C. */
export const serve: Command = {
  name: ['serve'],
  summary: 'Serve the HTTP API (webhooks, runs, approvals, audit, OpenAPI)',
  usage: USAGE,

  async run({ args, config, logger, stdout, interrupted }) {
    const { values } = parseFlags({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        poll: { type: 'boolean' },
        scenario: { type: 'string', multiple: true },
        'no-builtin': { type: 'boolean' },
      },
    });
    const port = integerFlag({ name: 'port', value: values.port, min: 0, max: 65_535 });
    const host = values.host ?? config.server.host;
    const settings: Config = {
      ...config,
      server: {
        ...config.server,
        poller: {
          ...config.server.poller,
          enabled: values.poll === true || config.server.poller.enabled,
        },
      },
    };

    const store = openDatabase({ path: config.databasePath });
    let sim: RunningSimulator | undefined;
    try {
      let consoles = configuredConsoles({ config, store });
      if (consoles.length === 0) {
        const { scenarios } = await collectScenarios({
          builtin: values['no-builtin'] !== true,
          scenarioFiles: values.scenario ?? [],
          logger,
        });
        sim = await startSimulator({
          scenarios,
          timing: { dvQueryRunningMs: 0, networkChangeMs: 1_500 },
          logger,
        });
        const replayEndsAt = telemetryEnd(scenarios);
        consoles = [
          {
            tenantId: DEFAULT_TENANT_ID,
            consoleUrl: sim.url,
            token: sim.token,
            ...(replayEndsAt === undefined ? {} : { replayEndsAt }),
          },
        ];
      } else if (values.scenario !== undefined) {
        throw new UsageError('--scenario is for the local simulator; tenants are configured');
      }

      const webhookSecret = readWebhookSecret({ config, logger });
      const service = createApiService({
        store,
        config: settings,
        consoles,
        logger,
        webhookSecret,
      });
      const listening = await listen({
        app: service.app,
        host,
        port: port ?? config.server.port,
      }).catch(async (error: unknown) => {
        await service.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new UsageError(`${host}:${port ?? config.server.port} is in use; pass --port <n>`);
        }
        throw error;
      });

      // Only a server that holds its port recovers runs and actions: another casebook
      // serve on the same database must not mark the live one's runs as interrupted.
      const recovered = service.start();
      const settled = await settleInterruptedActions({ service, logger });

      stdout.write(
        [
          `casebook API listening on ${listening.url}`,
          `  tenants:   ${consoles
            .map(
              (entry) =>
                `${entry.tenantId} (${sim === undefined ? entry.consoleUrl : 'local simulator'})`,
            )
            .join(', ')}`,
          `  webhooks:  ${webhookSecret === undefined ? 'off (no webhook secret)' : 'on'}`,
          `  poller:    ${settings.server.poller.enabled ? 'on' : 'off'}`,
          ...(recovered.failed + recovered.requeued > 0
            ? [
                `  recovered: ${recovered.failed} interrupted run(s) marked failed, ` +
                  `${recovered.requeued} queued run(s) resumed`,
              ]
            : []),
          ...(settled > 0
            ? [`  recovered: ${settled} held action(s) a stop left executing, settled`]
            : []),
          `  docs:      ${listening.url}/docs`,
          '',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );

      await interrupted;
      await listening.close();
      await service.close({ timeoutMs: 10_000 });
      stdout.write('casebook API stopped\n');
      return 0;
    } finally {
      await sim?.close();
      store.close();
    }
  },
};

/** The consoles of the configured tenants (the config file first, then the tenants table). */
function configuredConsoles({
  config,
  store,
}: {
  config: Config;
  store: OpenDatabase;
}): TenantConsole[] {
  const tenants = new Map(config.tenants.map((tenant) => [tenant.id, tenant]));
  for (const row of listTenants({ db: store.db })) {
    if (!tenants.has(row.id)) tenants.set(row.id, row);
  }

  return [...tenants.values()].map((tenant) => ({
    tenantId: tenant.id,
    consoleUrl: tenant.consoleUrl,
    token: resolveSecret({ ref: tenant.tokenRef }),
  }));
}

/** The webhook secret, or undefined (webhooks off) when its reference cannot be read. */
function readWebhookSecret({
  config,
  logger,
}: {
  config: Config;
  logger: Logger;
}): string | undefined {
  try {
    return resolveSecret({ ref: config.server.webhookSecretRef });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.warn(
      { ref: config.server.webhookSecretRef },
      'serve: no webhook secret; webhooks are off',
    );
    return undefined;
  }
}
