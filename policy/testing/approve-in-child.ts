import { createFakeConsole, FAKE_TOOLS } from './fake-console.ts';
import { createPolicyHarness, policyFrom } from './policy-harness.ts';

/**
 * Run as its own process by the exactly-once test: opens the store file, waits for the
 * agreed instant so every process approves at once, approves, and prints what it did.
 */
const [path, id, principalId, startAt] = process.argv.slice(2);
if (path === undefined || id === undefined || principalId === undefined || startAt === undefined) {
  throw new Error('usage: approve-in-child <db> <held action id> <principal> <start epoch ms>');
}

const fake = createFakeConsole();
const harness = createPolicyHarness({
  tools: FAKE_TOOLS,
  capabilities: fake.capabilities,
  policy: policyFrom('version: 1\nrules:\n  - { tool: post_note, action: hold }'),
  path,
});

await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));

try {
  const result = await harness.actions.approve({ id, principalId });
  process.stdout.write(JSON.stringify({ executed: result.executed, writes: fake.writes.length }));
} catch (error) {
  process.stdout.write(
    JSON.stringify({ refused: (error as { code?: string }).code, writes: fake.writes.length }),
  );
} finally {
  harness.close();
}
