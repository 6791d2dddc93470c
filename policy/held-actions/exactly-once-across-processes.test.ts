import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

import { createFakeConsole, FAKE_TOOLS } from '../testing/fake-console.ts';
import { createPolicyHarness, policyFrom } from '../testing/policy-harness.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('../testing/approve-in-child.ts', import.meta.url));
const PROCESSES = ['alice', 'bob', 'carol', 'alice'];

describe('exactly-once execution', () => {
  it('runs an action once when four processes approve it at the same instant', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'casebook-once-')), 'casebook.db');
    const fake = createFakeConsole();
    const policy = policyFrom('version: 1\nrules:\n  - { tool: post_note, action: hold }');
    const harness = createPolicyHarness({
      tools: FAKE_TOOLS,
      capabilities: fake.capabilities,
      policy,
      path,
    });
    const held = await harness.toolbox.call({
      tool: 'post_note',
      input: { text: 'closing as benign' },
    });
    if (held.status !== 'held') throw new Error(`expected a hold, got ${held.status}`);
    harness.close();

    const startAt = String(Date.now() + 3_000);
    const outputs = await Promise.all(
      PROCESSES.map((principal) =>
        run(
          process.execPath,
          ['--import', 'tsx', CHILD, path, held.heldActionId, principal, startAt],
          {
            cwd: fileURLToPath(new URL('../..', import.meta.url)),
          },
        ),
      ),
    );
    const results = outputs.map((output) => JSON.parse(output.stdout) as Record<string, unknown>);

    expect(results.filter((result) => result.executed === true)).toHaveLength(1);
    expect(results.reduce((sum, result) => sum + Number(result.writes), 0)).toBe(1);
    expect(
      results
        .filter((result) => result.refused !== undefined)
        .map((result) => result.refused)
        .sort(),
    ).toEqual(expect.arrayContaining(['HELD_ACTION_CLOSED']));

    const after = createPolicyHarness({
      tools: FAKE_TOOLS,
      capabilities: fake.capabilities,
      policy,
      path,
    });
    expect(after.entries(['action.executed'])).toHaveLength(1);
    expect(after.actions.get(held.heldActionId).status).toBe('executed_verified');
    after.close();
  }, 30_000);
});
