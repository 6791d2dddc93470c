import type { RunStore } from '../../agents/store/run-store.ts';
import type { RunFailureView } from './run-request.ts';

/**
 * Marks the stored run failed when it still says running, keeping the steps it
 * completed; a run that finished on its own, or never started, is left as it is.
 */
export function failRunStillRunning({
  runs,
  tenantId,
  runId,
  failure,
}: {
  runs: RunStore;
  tenantId: string;
  runId: string;
  failure: RunFailureView;
}): void {
  if (runs.getRun({ tenantId, runId })?.status !== 'running') return;

  runs.failRun({
    tenantId,
    runId,
    failure,
    usage: { inputTokens: 0, outputTokens: 0 },
    eventsFetched: 0,
  });
}
