import type { CaseFactsInput, ToolCallResult, ToolGate } from '../../policy/index.ts';
import type { DraftStatus } from '../store/run-store.ts';

export interface NoteOutcome {
  status: Extract<DraftStatus, 'posted' | 'held' | 'denied' | 'failed' | 'skipped'>;
  detail: string;
  heldActionId: string | null;
}

/**
 * Offers the first look to the console as a case note, through the gate like any write:
 * policy posts it (an AI draft in the assist phase), holds it for approval, or denies it
 * (the observe phase). The facts are the run's own findings, never the model's words.
 */
export async function postCaseNote({
  gate,
  caseId,
  runId,
  facts,
  text,
}: {
  gate: ToolGate;
  caseId: string;
  runId: string;
  facts: CaseFactsInput;
  text: string;
}): Promise<NoteOutcome> {
  const toolbox = gate.toolbox({ caseId, runId, agentId: 'supervisor', facts });
  if (!toolbox.tools.some((tool) => tool.name === 'add_threat_note')) {
    return { status: 'skipped', detail: 'the console offers no note tool', heldActionId: null };
  }

  const result: ToolCallResult = await toolbox.call({
    tool: 'add_threat_note',
    input: { threatIds: [caseId], text },
    reason: 'post the checked first look as an AI-draft case note',
  });
  switch (result.status) {
    case 'executed_verified':
    case 'executed_unverified':
      return { status: 'posted', detail: result.message, heldActionId: null };
    case 'held':
      return { status: 'held', detail: result.message, heldActionId: result.heldActionId };
    case 'denied':
      return { status: 'denied', detail: result.message, heldActionId: null };
    default:
      return {
        status: 'failed',
        detail: 'message' in result ? result.message : result.status,
        heldActionId: null,
      };
  }
}
