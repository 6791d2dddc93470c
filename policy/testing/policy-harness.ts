import { openDatabase } from '../../db/open-database.ts';
import { principals } from '../../db/schema.ts';
import { createManualClock } from '../../lib/clock.ts';
import type { ToolCapabilities, ToolDefinition } from '../../tools/registry/define-tool.ts';
import { createToolRegistry } from '../../tools/registry/tool-registry.ts';
import { createAuditTrail, listAuditEntries } from '../audit/audit-trail.ts';
import { createSecretRedactor } from '../audit/secret-redactor.ts';
import { createToolGate } from '../gate/tool-gate.ts';
import { createHeldActions } from '../held-actions/held-actions.ts';
import { SERVICE_IDENTITY } from '../identity/role.ts';
import { parsePolicy } from '../rules/parse-policy.ts';
import type { Policy } from '../rules/policy-file.ts';

export const TENANT = 'acme';

export const PEOPLE = {
  alice: 'analyst',
  bob: 'analyst',
  carol: 'admin',
  victor: 'viewer',
  hana: 'hunter',
  soar: 'automation',
  [SERVICE_IDENTITY]: 'service',
} as const;

/** A policy from YAML text, the way tenants write it. */
export function policyFrom(yaml: string): Policy {
  return parsePolicy({ text: yaml, source: 'test-policy.yaml' });
}

/**
 * An in-memory store with the test tenant's principals, a manual clock, and a gate and
 * held-action API over the given tools, wired the way the runtime wires them.
 */
export function createPolicyHarness<Caps extends ToolCapabilities>({
  tools,
  capabilities,
  policy,
  path = ':memory:',
  start = Date.UTC(2026, 0, 5, 9, 0, 0),
  timing = { timeoutMs: 10_000, pollMs: 1_000 },
  clock = createManualClock(start),
}: {
  tools: readonly ToolDefinition<Caps>[];
  capabilities: Caps;
  policy: Policy;
  path?: string;
  start?: number;
  timing?: { timeoutMs: number; pollMs: number };
  clock?: ReturnType<typeof createManualClock>;
}) {
  const store = openDatabase({ path });
  const registry = createToolRegistry(tools);
  const audit = createAuditTrail({
    db: store.db,
    clock,
    redactor: createSecretRedactor(policy.redact),
  });

  // The tenant's people exist before a test starts, so they are stored as rows rather
  // than granted: grants would put audit entries ahead of what each test counts, and
  // would refuse the service identity, whose row shows a row cannot make it approve.
  const seededAt = clock.now();
  store.db
    .insert(principals)
    .values(
      Object.entries(PEOPLE).map(([id, role]) => ({
        tenantId: TENANT,
        id,
        role,
        displayName: id,
        createdAt: seededAt,
        updatedAt: seededAt,
      })),
    )
    // A second harness on the same file finds them there already.
    .onConflictDoNothing()
    .run();

  const gate = createToolGate({
    db: store.db,
    tenantId: TENANT,
    registry,
    capabilities,
    policy,
    clock,
    audit,
    timing,
  });
  const actions = createHeldActions({
    db: store.db,
    tenantId: TENANT,
    registry,
    capabilities,
    audit,
    clock,
    timing,
    policy,
  });
  const toolbox = gate.toolbox({ caseId: '100', runId: 'run-1', agentId: 'triage' });

  return {
    ...store,
    clock,
    registry,
    audit,
    gate,
    actions,
    toolbox,
    entries: (kinds?: Parameters<typeof listAuditEntries>[0]['kinds']) =>
      listAuditEntries({ db: store.db, tenantId: TENANT, kinds }),
  };
}
