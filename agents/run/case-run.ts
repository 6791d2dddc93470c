import type { MastraModelConfig } from '@mastra/core/llm';
import type { RequestContext } from '@mastra/core/request-context';

import type { Clock } from '../../lib/clock.ts';
import type { CaseFactsInput, Toolbox, ToolGate } from '../../policy/index.ts';
import type { AgentId, SpecialistId } from '../agent-id.ts';
import type { EvidenceLedger } from '../evidence/evidence-ledger.ts';
import type { HuntCase } from '../evidence/hunt-case.ts';
import type { IncidentReport } from '../schemas/incident-report.ts';
import type { NotificationDraft } from '../schemas/notification-draft.ts';
import type { Timeline } from '../schemas/timeline.ts';
import type { TriageFinding } from '../schemas/triage-finding.ts';
import type { NotificationTemplate } from '../templates/notification-template.ts';
import type { RunFailure } from './run-failure.ts';
import type { RunStepInput } from './run-step.ts';

/** The specialists' validated answers, as they come in. */
export interface SpecialistAnswers {
  timeline: Timeline;
  triage: TriageFinding;
  comms: NotificationDraft;
  reporter: IncidentReport;
}

export interface TokenTally {
  inputTokens: number;
  outputTokens: number;
}

/**
 * Everything one case run shares between its agents, handed to them through Mastra's
 * request context: the gated toolboxes, the evidence fetched so far, the specialists'
 * answers, the step record and the run's failure, if any. Agents read it; only the
 * runtime creates it.
 */
export interface CaseRun {
  readonly tenantId: string;
  readonly caseId: string;
  readonly runId: string;
  readonly clock: Clock;
  readonly ledger: EvidenceLedger;
  /** The promoted hunt the case is, when it is one rather than a SentinelOne threat. */
  readonly hunt: HuntCase | undefined;
  readonly template: NotificationTemplate;
  readonly answers: Partial<SpecialistAnswers>;
  readonly usage: TokenTally;
  /** Aborted when the run fails; passed to every model call. */
  readonly signal: AbortSignal;
  readonly failure: RunFailure | undefined;
  toolbox(agentId: AgentId): Toolbox;
  model(agentId: AgentId): MastraModelConfig;
  modelId(agentId: AgentId): string;
  recordStep(step: RunStepInput): void;
  /** Ends the run: the first failure is kept, later ones only recorded as steps. */
  fail(failure: RunFailure): void;
  setAnswer<Id extends SpecialistId>(agentId: Id, answer: SpecialistAnswers[Id]): void;
}

const KEY = 'casebook.run';

export function bindCaseRun(context: RequestContext, run: CaseRun): void {
  context.set(KEY, run);
}

/** The run a tool or model call belongs to; agents only ever run inside one. */
export function caseRunOf(context: RequestContext | undefined): CaseRun {
  const run = context?.get(KEY) as CaseRun | undefined;
  if (run === undefined) {
    throw new Error('a casebook agent ran outside a case run (no run in the request context)');
  }
  return run;
}

export interface CaseRunOptions {
  tenantId: string;
  caseId: string;
  runId: string;
  clock: Clock;
  gate: ToolGate;
  ledger: EvidenceLedger;
  hunt?: HuntCase | undefined;
  template: NotificationTemplate;
  facts: CaseFactsInput;
  models: (agentId: AgentId, run: CaseRun) => { id: string; model: MastraModelConfig };
  recordStep: (step: RunStepInput) => void;
}

export function createCaseRun(options: CaseRunOptions): CaseRun {
  const controller = new AbortController();
  const toolboxes = new Map<AgentId, Toolbox>();
  const models = new Map<AgentId, { id: string; model: MastraModelConfig }>();
  const answers: Partial<SpecialistAnswers> = {};
  const usage: TokenTally = { inputTokens: 0, outputTokens: 0 };
  let failure: RunFailure | undefined;

  const run: CaseRun = {
    tenantId: options.tenantId,
    caseId: options.caseId,
    runId: options.runId,
    clock: options.clock,
    ledger: options.ledger,
    hunt: options.hunt,
    template: options.template,
    answers,
    usage,
    signal: controller.signal,
    get failure() {
      return failure;
    },
    toolbox(agentId) {
      let toolbox = toolboxes.get(agentId);
      if (toolbox === undefined) {
        toolbox = options.gate.toolbox({
          caseId: options.caseId,
          runId: options.runId,
          agentId,
          facts: options.facts,
        });
        toolboxes.set(agentId, toolbox);
      }
      return toolbox;
    },
    model: (agentId) => resolved(agentId).model,
    modelId: (agentId) => resolved(agentId).id,
    recordStep: options.recordStep,
    fail(next) {
      if (failure !== undefined) return;
      failure = next;
      controller.abort(new Error(next.message));
    },
    setAnswer(agentId, answer) {
      (answers as Record<string, unknown>)[agentId] = answer;
    },
  };

  function resolved(agentId: AgentId) {
    let entry = models.get(agentId);
    if (entry === undefined) {
      entry = options.models(agentId, run);
      models.set(agentId, entry);
    }
    return entry;
  }

  return run;
}
