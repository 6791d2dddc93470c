import { randomUUID } from 'node:crypto';
import type { Mastra } from '@mastra/core';
import { RequestContext } from '@mastra/core/request-context';

import type { CasebookDb } from '../../db/open-database.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import type { AuditTrail, CaseFactsInput, ToolGate } from '../../policy/index.ts';
import {
  type AgentId,
  CASE_AGENTS,
  REQUIRED_SPECIALISTS,
  SPECIALISTS,
  type SpecialistId,
} from '../agent-id.ts';
import { createCasebookMastra } from '../casebook-mastra.ts';
import { createEvidenceLedger } from '../evidence/evidence-ledger.ts';
import { type HuntCase, isHuntCaseId } from '../evidence/hunt-case.ts';
import { AuditedModel, type ModelBudget } from '../models/audited-model.ts';
import { createModelRegistry, type ModelRegistry } from '../models/model-registry.ts';
import type { FirstLook } from '../schemas/first-look.ts';
import { SupervisorSummary } from '../schemas/supervisor-summary.ts';
import { readHuntCase } from '../store/hunt-case-store.ts';
import { createRunStore } from '../store/run-store.ts';
import {
  DEFAULT_NOTIFICATION_TEMPLATE,
  type NotificationTemplate,
} from '../templates/notification-template.ts';
import { acceptAnswer } from './accept-answer.ts';
import { AnalyseInputError } from './analyse-input-error.ts';
import { assembleFirstLook } from './assemble-first-look.ts';
import { caseLabel } from './case-label.ts';
import { bindCaseRun, type CaseRun, createCaseRun } from './case-run.ts';
import { checkAnswer } from './check-answer.ts';
import { checkCitations } from './check-citations.ts';
import { type NoteOutcome, postCaseNote } from './post-case-note.ts';
import { proposeContainment } from './propose-containment.ts';
import { renderCaseNote } from './render-case-note.ts';
import type { RunFailure } from './run-failure.ts';
import { RunStep } from './run-step.ts';
import { triageCaseFacts } from './triage-case-facts.ts';

export interface RunBudget extends ModelBudget {
  /** Model steps the supervisor may take. */
  supervisorSteps: number;
  /** Model steps each specialist may take per delegation. */
  specialistSteps: number;
}

export const DEFAULT_BUDGET: RunBudget = {
  maxTokens: 400_000,
  supervisorSteps: 10,
  specialistSteps: 20,
};

export interface AnalyseCaseOptions {
  tenantId: string;
  /**
   * The case: a SentinelOne threat id, or the case id of a promoted hunt (`hunt-<thread
   * id>`), whose evidence is the events the hunt cited, fetched again by its queries.
   */
  threatId: string;
  /** The tenant's policy gate: the agents' only way to the console. */
  gate: ToolGate;
  db: CasebookDb;
  /** The audit trail the gate writes to; model calls are recorded there too. */
  audit: AuditTrail;
  clock?: Clock;
  /** Models per agent; every agent runs offline when absent. */
  models?: ModelRegistry;
  /** A Mastra instance to reuse across runs; one is built from the gate's tools if absent. */
  mastra?: Mastra;
  template?: NotificationTemplate;
  /** Ask the supervisor for a post-incident report too. */
  report?: boolean;
  /** Offer the first look to the console as a case note (policy decides); default true. */
  postNote?: boolean;
  /** What casebook already knows about the case, for policy conditions. */
  facts?: CaseFactsInput;
  budget?: Partial<RunBudget>;
  trigger?: string;
  generateId?: () => string;
  /** Called after each step is recorded, e.g. for a progress line. */
  onStep?: (step: RunStep) => void;
  /**
   * Ask the gate, as the triage agent, for the isolation a true-positive first look
   * advises (see `proposeContainment`); policy holds it for approval. Default false.
   */
  proposeContainment?: boolean;
}

export type AnalyseCaseResult =
  | {
      status: 'succeeded';
      runId: string;
      firstLook: FirstLook;
      note: NoteOutcome;
      /** What the gate made of the advised isolation, when it was asked for. */
      containment?: RunStep;
      usage: { inputTokens: number; outputTokens: number };
    }
  | {
      status: 'failed';
      runId: string;
      failure: RunFailure;
      usage: { inputTokens: number; outputTokens: number };
    };

const THREAT_ID = /^\d{1,20}$/;

/**
 * Gives one case its first look. The supervisor delegates to the specialists on the one
 * Mastra instance; every console read goes through the tenant's policy gate (and its audit
 * trail), every model call is audited, every answer is checked against its schema, and
 * the first look is stored only when each of its citations names an event the run
 * fetched. Then policy decides whether the case note is posted. A run that cannot finish
 * (a console error, a bad answer, a spent budget) ends as `failed` with its steps and the
 * reason, and writes no finding.
 */
export async function analyseCase(options: AnalyseCaseOptions): Promise<AnalyseCaseResult> {
  const { tenantId, threatId, gate, db, audit } = options;
  if (!THREAT_ID.test(threatId) && !isHuntCaseId(threatId)) {
    throw new AnalyseInputError(
      `"${threatId.slice(0, 40)}" is not a SentinelOne threat id (digits only) or a ` +
        'promoted hunt (hunt-<thread id>)',
    );
  }
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenantId)) {
    throw new AnalyseInputError(
      `"${tenantId.slice(0, 40)}" is not a tenant id (a lower-case slug)`,
    );
  }
  let hunt: HuntCase | undefined;
  if (isHuntCaseId(threatId)) {
    hunt = readHuntCase({ db, tenantId, caseId: threatId });
    if (hunt === undefined) {
      throw new AnalyseInputError(
        `no hunt of tenant ${tenantId} was promoted to case ${threatId}; promote it first ` +
          '(:promote in casebook hunt)',
      );
    }
  }

  const clock = options.clock ?? systemClock;
  const generateId = options.generateId ?? randomUUID;
  const budget: RunBudget = { ...DEFAULT_BUDGET, ...options.budget };
  const registry = options.models ?? createModelRegistry();
  const mastra =
    options.mastra ??
    createCasebookMastra({
      tools: gate.toolbox({ caseId: threatId, runId: 'describe', agentId: 'supervisor' }).tools,
    });
  const store = createRunStore({ db, clock });
  const runId = `run-${generateId()}`;
  const models = caseModels(registry.describe());
  store.startRun({ tenantId, caseId: threatId, runId, trigger: options.trigger ?? 'api', models });

  const ledger = createEvidenceLedger();
  const run = createCaseRun({
    tenantId,
    caseId: threatId,
    runId,
    clock,
    gate,
    ledger,
    hunt,
    template: options.template ?? DEFAULT_NOTIFICATION_TEMPLATE,
    facts: options.facts ?? {},
    models: (agentId, current) => {
      const resolved = registry.create(agentId);
      return {
        id: resolved.id,
        model: new AuditedModel({
          inner: resolved.model,
          label: resolved.id,
          agentId,
          run: current,
          audit,
          fence: resolved.fencePrompts,
          budget,
        }),
      };
    },
    recordStep: (input) => {
      const step = RunStep.parse(input);
      store.recordStep({ tenantId, runId }, step);
      options.onStep?.(step);
    },
  });
  const usage = () => ({ ...run.usage });
  const fail = (failure: RunFailure): AnalyseCaseResult => {
    store.failRun({ tenantId, runId, failure, usage: usage(), eventsFetched: ledger.size });
    return { status: 'failed', runId, failure, usage: usage() };
  };

  const requestContext = new RequestContext();
  bindCaseRun(requestContext, run);

  let summary: SupervisorSummary | undefined;
  try {
    summary = await superviseCase({
      run,
      mastra,
      requestContext,
      budget,
      report: options.report === true,
    });
    for (const agentId of REQUIRED_SPECIALISTS) {
      if (run.failure !== undefined) break;
      if (run.answers[agentId] === undefined) {
        await runSpecialistDirectly({ agentId, run, mastra, requestContext, budget });
      }
    }
  } catch (error) {
    if (run.failure === undefined) run.fail(failureOf(error));
  }
  if (run.failure !== undefined) return fail(run.failure);

  const { timeline, triage, comms } = run.answers;
  if (
    summary === undefined ||
    timeline === undefined ||
    triage === undefined ||
    comms === undefined
  ) {
    return fail({
      stage: 'delegation',
      code: 'FIRST_LOOK_INCOMPLETE',
      fault: 'upstream',
      message: 'the supervisor ended without every specialist answer',
    });
  }

  const startedAt = clock.now();
  const firstLook = assembleFirstLook({
    caseId: threatId,
    models,
    summary,
    answers: { ...run.answers, timeline, triage, comms },
    ledger,
  });
  const citations = checkCitations(firstLook, ledger);
  if (citations.unresolved.length > 0) {
    const shown = citations.unresolved.slice(0, 5).map((item) => `${item.path} -> ${item.eventId}`);
    const message =
      `${citations.unresolved.length} of ${citations.cited} citations name events the run never ` +
      `fetched (${shown.join('; ')}); the first look was not stored`;
    run.recordStep({
      agentId: 'supervisor',
      kind: 'citations',
      name: 'check citations',
      status: 'rejected',
      detail: message,
      startedAt,
      finishedAt: clock.now(),
    });
    return fail({ stage: 'citations', code: 'CITATIONS_UNRESOLVED', fault: 'upstream', message });
  }
  run.recordStep({
    agentId: 'supervisor',
    kind: 'citations',
    name: 'check citations',
    status: 'ok',
    detail: `${citations.cited} citations, all to events this run fetched`,
    startedAt,
    finishedAt: clock.now(),
  });

  const noteText = renderCaseNote({ firstLook, runId });
  const noteId = `draft-${generateId()}`;
  store.completeRun({
    tenantId,
    runId,
    firstLook,
    note: { id: noteId, body: noteText },
    notificationId: `draft-${generateId()}`,
    findingId: `finding-${generateId()}`,
    usage: usage(),
    eventsFetched: ledger.size,
  });
  run.recordStep({
    agentId: 'supervisor',
    kind: 'store',
    name: 'store first look',
    status: 'ok',
    startedAt,
    finishedAt: clock.now(),
  });

  const note = await offerNote({ options, run, firstLook, noteText });
  store.updateDraft({ tenantId, id: noteId, ...note });
  run.recordStep({
    agentId: 'supervisor',
    kind: 'note',
    name: 'add_threat_note',
    status: note.status === 'posted' ? 'ok' : note.status,
    detail: note.detail,
    startedAt,
    finishedAt: clock.now(),
  });

  let containment: RunStep | undefined;
  if (options.proposeContainment === true) {
    const step = await proposeContainment({ gate: options.gate, runId, firstLook, clock }).catch(
      (error: unknown): RunStep => ({
        agentId: 'triage',
        kind: 'tool',
        name: 'disconnect_agents',
        status: 'failed',
        detail: error instanceof Error ? error.message.slice(0, 2_000) : String(error),
        startedAt: clock.now(),
        finishedAt: clock.now(),
      }),
    );
    if (step !== undefined) run.recordStep(step);
    containment = step;
  }

  return {
    status: 'succeeded',
    runId,
    firstLook,
    note,
    ...(containment === undefined ? {} : { containment }),
    usage: usage(),
  };
}

async function superviseCase({
  run,
  mastra,
  requestContext,
  budget,
  report,
}: {
  run: CaseRun;
  mastra: Mastra;
  requestContext: RequestContext;
  budget: RunBudget;
  report: boolean;
}): Promise<SupervisorSummary | undefined> {
  const prompts = new Map<string, { prompt: string; startedAt: number }>();
  const task =
    `Case: ${caseLabel(run.caseId)} (tenant ${run.tenantId}). Give it a first look: ` +
    'timeline, triage and a customer notification draft. ' +
    `Post-incident report: ${report ? 'requested' : 'not requested'}.`;

  const result = await mastra.getAgent('supervisor').generate(task, {
    requestContext,
    maxSteps: budget.supervisorSteps,
    abortSignal: run.signal,
    delegation: {
      // Specialists get their task only; the supervisor's transcript is not theirs to read.
      messageFilter: () => [],
      onDelegationStart: (context) => {
        prompts.set(context.primitiveId, { prompt: context.prompt, startedAt: run.clock.now() });
        return { proceed: true, modifiedMaxSteps: budget.specialistSteps };
      },
      onDelegationComplete: async (context) => {
        const agentId = context.primitiveId as SpecialistId;
        const started = prompts.get(agentId) ?? { prompt: '', startedAt: run.clock.now() };
        const text = context.result?.text ?? '';
        run.recordStep({
          agentId,
          kind: 'delegation',
          name: `agent-${agentId}`,
          status: context.success && run.failure === undefined ? 'ok' : 'failed',
          detail: context.success ? '' : String(context.error ?? 'the delegation failed'),
          startedAt: started.startedAt,
          finishedAt: run.clock.now(),
        });
        if (!context.success || run.failure !== undefined || !SPECIALISTS.includes(agentId)) {
          context.bail();
          return undefined;
        }
        const answer = await acceptAnswer({
          agentId,
          prompt: started.prompt,
          text,
          run,
          mastra,
          requestContext,
          maxSteps: budget.specialistSteps,
        });
        if (answer === undefined) {
          context.bail();
          return { resultText: `${agentId} could not give a valid answer` };
        }
        return { resultText: JSON.stringify(answer) };
      },
    },
  });
  if (run.failure !== undefined) return undefined;

  const checked = checkAnswer({ text: result.text, schema: SupervisorSummary, caseId: run.caseId });
  const now = run.clock.now();
  run.recordStep({
    agentId: 'supervisor',
    kind: 'validation',
    name: 'SupervisorSummary',
    status: checked.ok ? 'ok' : 'rejected',
    detail: checked.ok ? '' : checked.problems.join('; ').slice(0, 2_000),
    startedAt: now,
    finishedAt: now,
  });
  if (!checked.ok) {
    run.fail({
      stage: 'validation',
      code: 'ANSWER_INVALID',
      fault: 'upstream',
      message: `the supervisor's summary is invalid: ${checked.problems.join('; ')}`.slice(
        0,
        2_000,
      ),
      agentId: 'supervisor',
    });
    return undefined;
  }
  return checked.value;
}

/** A specialist the supervisor skipped, run by the runtime so the first look is whole. */
async function runSpecialistDirectly({
  agentId,
  run,
  mastra,
  requestContext,
  budget,
}: {
  agentId: SpecialistId;
  run: CaseRun;
  mastra: Mastra;
  requestContext: RequestContext;
  budget: RunBudget;
}): Promise<void> {
  const startedAt = run.clock.now();
  const prompt = `Case: ${caseLabel(run.caseId)}. Give your part of the first look.`;
  const result = await mastra.getAgent(agentId).generate(prompt, {
    requestContext,
    maxSteps: budget.specialistSteps,
    abortSignal: run.signal,
  });
  run.recordStep({
    agentId,
    kind: 'delegation',
    name: `agent-${agentId}`,
    status: run.failure === undefined ? 'ok' : 'failed',
    detail: 'run by the runtime: the supervisor did not delegate to it',
    startedAt,
    finishedAt: run.clock.now(),
  });
  if (run.failure !== undefined) return;
  await acceptAnswer({
    agentId,
    prompt,
    text: result.text,
    run,
    mastra,
    requestContext,
    maxSteps: budget.specialistSteps,
  });
}

async function offerNote({
  options,
  run,
  firstLook,
  noteText,
}: {
  options: AnalyseCaseOptions;
  run: CaseRun;
  firstLook: FirstLook;
  noteText: string;
}): Promise<NoteOutcome> {
  if (options.postNote === false) {
    return { status: 'skipped', detail: 'not asked to post a note', heldActionId: null };
  }
  if (run.hunt !== undefined) {
    return {
      status: 'skipped',
      detail: 'a promoted hunt has no console threat to note',
      heldActionId: null,
    };
  }
  const { triage } = firstLook;
  try {
    return await postCaseNote({
      gate: options.gate,
      caseId: run.caseId,
      runId: run.runId,
      facts: triageCaseFacts(triage),
      text: noteText,
    });
  } catch (error) {
    return {
      status: 'failed',
      detail: error instanceof Error ? error.message : String(error),
      heldActionId: null,
    };
  }
}

/** The models of the agents a case run uses; the hunting agent has none in it. */
function caseModels(models: Record<AgentId, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(models).filter(([agentId]) => CASE_AGENTS.includes(agentId as AgentId)),
  );
}

function failureOf(error: unknown): RunFailure {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  // The AI SDK names its provider errors AI_*: the model service failed, not casebook.
  const fromModel = name.startsWith('AI_');
  return {
    stage: fromModel ? 'model' : 'system',
    code: fromModel ? 'MODEL_CALL_FAILED' : 'RUN_CRASHED',
    fault: fromModel ? 'upstream' : 'system',
    message: message.slice(0, 2_000),
  };
}
