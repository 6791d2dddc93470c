import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { resolveSecret } from '../../config/resolve-secret.ts';
import { openDatabase } from '../../db/open-database.ts';
import { EvalExportError } from '../../evals/export/eval-export-error.ts';
import { exportScenario } from '../../evals/export/export-scenario.ts';
import { stableJson } from '../../evals/stable-json.ts';
import { printable } from '../../lib/printable.ts';
import { createSentinelOneClient } from '../../tools/sentinelone/index.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../parse-flags.ts';
import { UsageError } from '../usage-error.ts';
import { CONSOLE_TARGET_OPTIONS, checkConsoleFlags, requireTenant } from './console-target.ts';

const USAGE = `Usage: casebook eval export <threatId...> (--tenant <id> | --console <url>
                              --token-ref <ref>) --out <file or folder>

Turns closed cases from a console into scenario files casebook eval replays: the threat
(reopened and unjudged in the file, so the replay does not see the answer), its endpoint,
its storyline's Deep Visibility events, and a ground truth from the analyst's verdict and
notes. Only resolved threats with an analyst verdict are exported. Only reads are made.

The ground truth takes from the analyst's notes, one statement per line:
  Severity: high
  Techniques: T1059.001, T1105     (else the threat's MITRE indicators)
  IOC: domain evil.example
  Affected: FIN-WS-042, DC-01      (else the threat's endpoint)
  Root cause: FA82EFD6A3E8611B
  Fact: payload | PowerShell fetched the payload | powershell.exe, evil.example
What they do not give is listed in groundTruth.underived and scored as no data.
casebook's own AI-draft notes are never read as ground truth.

Options:
  --tenant <id>        a configured tenant: its console and token reference
  --console <url>      a console origin, e.g. https://usea1.sentinelone.net
  --token-ref <ref>    where its API token lives: env:NAME or file:/path (never the token)
  --out <path>         a .json file for one threat; otherwise a folder that gets
                       export-<threatId>.json per threat`;

/** `casebook eval export`: a team's own past cases as a replay set. */
export const evalExport: Command = {
  name: ['eval', 'export'],
  summary: 'Export closed threats from a console as scenario files to replay',
  usage: USAGE,

  async run({ args, config, logger, stdout, stderr }) {
    const { values, positionals } = parseFlags({
      args,
      positionals: true,
      options: {
        ...CONSOLE_TARGET_OPTIONS,
        out: { type: 'string' },
      },
    });
    if (positionals.length === 0) throw new UsageError('expects at least one threat id');
    const bad = positionals.find((id) => !/^\d{1,20}$/.test(id));
    if (bad !== undefined) throw new UsageError(`"${bad.slice(0, 40)}" is not a threat id`);
    if (values.out === undefined) throw new UsageError('--out is required');
    checkConsoleFlags(values);
    if ((values.tenant === undefined) === (values.console === undefined)) {
      throw new UsageError('give either --tenant or --console with --token-ref');
    }

    let consoleUrl: string;
    let tokenRef: string;
    if (values.console !== undefined && values['token-ref'] !== undefined) {
      consoleUrl = values.console;
      tokenRef = values['token-ref'];
    } else {
      const store = openDatabase({ path: config.databasePath });
      try {
        const tenant = requireTenant({ config, db: store.db, id: values.tenant ?? '' });
        consoleUrl = tenant.consoleUrl;
        tokenRef = tenant.tokenRef;
      } finally {
        store.close();
      }
    }
    const client = createSentinelOneClient({
      baseUrl: consoleUrl,
      token: resolveSecret({ ref: tokenRef }),
      timeoutMs: config.sentinelone.timeoutMs,
      maxRetries: config.sentinelone.maxRetries,
      logger,
    });

    const out = resolve(values.out);
    const single = positionals.length === 1 && out.endsWith('.json');
    let refused = 0;
    for (const threatId of positionals) {
      try {
        const { scenario, underived, truncated } = await exportScenario({ client, threatId });
        const path = single ? out : join(out, `export-${threatId}.json`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, stableJson(scenario));
        const missing = underived.length === 0 ? '' : `; not derived: ${underived.join(', ')}`;
        const events = `${scenario.events.length} events${truncated ? ' (cut)' : ''}`;
        const line = `wrote ${path}: ${events}, verdict ${scenario.groundTruth.verdict}${missing}`;
        stdout.write(`${printable(line)}\n`);
      } catch (error) {
        if (!(error instanceof EvalExportError)) throw error;
        refused += 1;
        stderr.write(`${printable(`refused: ${error.message}`)}\n`);
      }
    }
    return refused === 0 ? 0 : 1;
  },
};
