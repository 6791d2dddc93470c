import type { CaseRun } from '../run/case-run.ts';

/**
 * Records a call of a local tool (analysis, findings, template) as a run step, so the
 * steps show every tool an agent used, not only the console reads the gate audits.
 */
export function recordLocalCall({
  run,
  agentId,
  tool,
  startedAt,
}: {
  run: CaseRun;
  agentId: string | undefined;
  tool: string;
  startedAt: number;
}): void {
  run.recordStep({
    agentId: agentId ?? 'unknown',
    kind: 'tool',
    name: tool,
    status: 'ok',
    startedAt,
    finishedAt: run.clock.now(),
  });
}
