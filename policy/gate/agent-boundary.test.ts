import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Modules that hold a console's write methods or a tool's raw `execute`. Agent code
 * reaches tools only through the toolbox the gate hands it.
 */
const FORBIDDEN = [
  /tools\/sentinelone\/sentinelone-client\.ts$/,
  /tools\/sentinelone\/index\.ts$/,
  /tools\/sentinelone\/tools\//,
  /tools\/registry\/define-tool\.ts$/,
  /tools\/registry\/tool-registry\.ts$/,
  /policy\/execution\//,
  /policy\/held-actions\//,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file: import` for every forbidden import in the non-test sources under `dir`. */
function forbiddenImports(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return sourceFiles(dir).flatMap((file) =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g,
      ),
    ]
      .map((match) => match[1] ?? match[2] ?? '')
      .filter((target) => FORBIDDEN.some((pattern) => pattern.test(join(file, '..', target))))
      .map((target) => `${relative(dir, file)}: ${target}`),
  );
}

describe('the agent boundary', () => {
  it('keeps agent code away from clients, raw tools and held-action internals', () => {
    expect(forbiddenImports(join(ROOT, 'agents'))).toEqual([]);
  });

  it('notices an agent that imports the client or a tool definition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casebook-agents-'));
    mkdirSync(join(dir, 'triage'));
    writeFileSync(
      join(dir, 'triage', 'triage-agent.ts'),
      [
        "import { createSentinelOneClient } from '../../tools/sentinelone/sentinelone-client.ts';",
        "import type { Toolbox } from '../../policy/gate/tool-call-result.ts';",
        "const tools = await import('../../tools/sentinelone/tools/disconnect-agents.ts');",
      ].join('\n'),
    );

    expect(forbiddenImports(dir)).toEqual([
      'triage/triage-agent.ts: ../../tools/sentinelone/sentinelone-client.ts',
      'triage/triage-agent.ts: ../../tools/sentinelone/tools/disconnect-agents.ts',
    ]);
  });
});
