import type { CasebookDb } from '../../db/open-database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ToolCapabilities } from '../../tools/registry/define-tool.ts';
import type { ToolRegistry } from '../../tools/registry/tool-registry.ts';
import type { AuditTrail } from '../audit/audit-trail.ts';
import type { VerifyTiming } from '../execution/execute-write.ts';
import type { Policy } from '../rules/policy-file.ts';

/** What deciding on and running a tenant's held actions needs. */
export interface HeldActionDeps<Caps extends ToolCapabilities> {
  db: CasebookDb;
  tenantId: string;
  registry: ToolRegistry<Caps>;
  /** The tenant's clients, used only to run approved actions and preview edits. */
  capabilities: Caps;
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  timing: VerifyTiming;
  /** The tenant's policy: edited arguments are decided again under it. */
  policy?: Policy;
  /**
   * The system a tool's writes go to here (the SentinelOne console, or the ticket
   * system), as the gate's `consoleUrl` recorded it; see `systemUrlOf`.
   */
  consoleUrl?: string | ((tool: string) => string | undefined);
}
