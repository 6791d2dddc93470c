import { randomUUID } from 'node:crypto';

import type { CasebookDb } from '../../db/open-database.ts';
import { CasebookError } from '../../lib/casebook-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { type Logger, silentLogger } from '../../lib/logger.ts';
import { printable } from '../../lib/printable.ts';
import { type QueryDescriber, s1qlDescriber } from '../query/describe-query.ts';
import type { HuntFocus } from '../refine/hunt-focus.ts';
import { refineQuery } from '../refine/refine-query.ts';
import type { HuntRunner } from '../run/hunt-runner.ts';
import { type HuntSummary, summariseHunt } from '../run/summarise-hunt.ts';
import type { HuntWindow } from '../translate/extract-time-range.ts';
import type { HuntIntent } from '../translate/hunt-intent.ts';
import type { HuntTranslator } from '../translate/hunt-translation.ts';
import {
  CreateHuntThreadRequest,
  type HuntEvent,
  type HuntThreadView,
  PostHuntMessageRequest,
  type PromotedHunt,
  PromoteHuntRequest,
} from './hunt-events.ts';
import { createHuntStore, type StoredThread } from './hunt-store.ts';

/** The hunter's request did not fit the hunting API; the message says what to change. */
export class HuntRequestError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'HUNT_REQUEST_INVALID';
}

export interface HuntServiceOptions {
  db: CasebookDb;
  clock: Clock;
  logger?: Logger;
  /** Runs validated queries; production passes `createGatedHuntRunner`. */
  runQuery: HuntRunner;
  translator: HuntTranslator;
  /** Explains and lints queries; the S1QL engine's explainer and linter by default. */
  describer?: QueryDescriber;
  /** The window when a question names none (default: the last 7 days). */
  defaultWindowMs?: number;
  /** Most events a hunt fetches (default 200, at most 1000). */
  limit?: number;
  generateId?: () => string;
}

export interface AskRequest {
  tenantId: string;
  hunterId: string;
  threadId?: string | undefined;
  text: string;
  signal?: AbortSignal | undefined;
}

const WEEK = 7 * 86_400_000;

/**
 * The hunting agent as a service: threads per hunter and tenant, questions turned into
 * checked S1QL (a follow-up edits the thread's current query), the query explained and
 * run within a window and a limit, and its results summarised with cited event ids. It
 * knows nothing of HTTP; routes and the REPL stream the same events.
 */
export function createHuntService(options: HuntServiceOptions) {
  const { db, clock, runQuery, translator } = options;
  const logger = options.logger ?? silentLogger;
  const describer = options.describer ?? s1qlDescriber;
  const store = createHuntStore({ db });
  const generateId = options.generateId ?? randomUUID;
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000);
  const defaultWindowMs = options.defaultWindowMs ?? WEEK;

  const createThread = ({
    tenantId,
    hunterId,
    title,
  }: {
    tenantId: string;
    hunterId: string;
    title?: string | undefined;
  }): StoredThread => {
    const parsed = CreateHuntThreadRequest.safeParse(title === undefined ? {} : { title });
    if (!parsed.success)
      throw new HuntRequestError(`the thread title ${parsed.error.issues[0]?.message}`);
    return store.createThread({
      id: `ht-${generateId()}`,
      tenantId,
      hunterId,
      title: parsed.data.title ?? 'New hunt',
      now: clock.now(),
    });
  };

  async function* ask(request: AskRequest): AsyncGenerator<HuntEvent, void, undefined> {
    const body = PostHuntMessageRequest.safeParse({ text: request.text });
    if (!body.success) {
      yield errorEvent(new HuntRequestError(`the message ${body.error.issues[0]?.message}`));
      return;
    }
    const text = body.data.text;
    const { tenantId, hunterId } = request;

    let thread: StoredThread;
    try {
      thread =
        request.threadId === undefined
          ? createThread({ tenantId, hunterId, title: text.slice(0, 80) })
          : store.getThread({ tenantId, hunterId, threadId: request.threadId });
    } catch (error) {
      yield errorEvent(error);
      return;
    }
    const threadId = thread.id;
    const now = clock.now();
    store.appendMessage({ tenantId, threadId, role: 'hunter', text, now });

    const finish = (answer: {
      text: string;
      query?: string;
      explanation?: string;
      window?: HuntWindow;
      summary?: HuntSummary;
    }): HuntEvent => {
      const seq = store.appendMessage({
        tenantId,
        threadId,
        role: 'agent',
        now: clock.now(),
        ...answer,
      });
      return { type: 'done', threadId, seq };
    };

    yield { type: 'progress', stage: 'translating', message: 'reading the question' };
    const plan = await planQuery({ thread, text, now, signal: request.signal });
    if (plan.kind === 'refusal') {
      yield { type: 'refusal', reason: plan.reason, suggestions: [...plan.suggestions] };
      yield finish({ text: `Not run: ${plan.reason}` });
      return;
    }

    const explanation = explain(plan);
    yield {
      type: 'query',
      threadId,
      text: plan.query,
      dialect: 's1ql-1.0',
      window: plan.window,
      limit,
      refined: plan.refined,
      changes: plan.changes,
      translator: plan.refined ? 'follow-up' : translator.id,
      repairs: plan.repairs,
    };
    yield { type: 'explanation', text: explanation };
    const warnings = describer.lint(plan.query);
    if (warnings.length > 0) yield { type: 'lint', warnings };

    yield {
      type: 'progress',
      stage: 'running',
      message: `running over ${plan.window.label} (at most ${limit} events)`,
    };
    let summary: HuntSummary;
    try {
      const result = await runQuery({
        tenantId,
        threadId,
        hunterId,
        runId: `hunt-${threadId}-${generateId()}`,
        query: plan.query,
        fromDate: new Date(plan.window.fromMs).toISOString(),
        toDate: new Date(plan.window.toMs).toISOString(),
        limit,
        signal: request.signal,
      });
      yield { type: 'progress', stage: 'summarising', message: `${result.events.length} events` };
      summary = summariseHunt({ ...result, focus: plan.focus });
    } catch (error) {
      logger.debug({ tenantId, threadId, error: String(error) }, 'hunt query failed');
      yield errorEvent(error);
      yield finish({
        text: `The query did not run: ${messageOf(error)}`,
        query: plan.query,
        explanation,
        window: plan.window,
      });
      return;
    }

    store.setCurrent({
      tenantId,
      threadId,
      // A new question in a thread that already hunted something renames it after the
      // question, so a thread list never shows one hunt under another's title.
      ...(plan.refined || thread.currentQuery === null ? {} : { title: text.slice(0, 80) }),
      query: plan.query,
      intent: plan.intent,
      window: plan.window,
      focus: plan.focus,
      now: clock.now(),
    });
    yield { type: 'summary', summary };
    yield finish({
      text: describeSummary(summary),
      query: plan.query,
      explanation,
      window: plan.window,
      summary,
    });
  }

  type Plan =
    | {
        kind: 'query';
        query: string;
        intent: HuntIntent;
        window: HuntWindow;
        focus: HuntFocus;
        refined: boolean;
        changes: string[];
        repairs: number;
      }
    | { kind: 'refusal'; reason: string; suggestions: readonly string[] };

  async function planQuery({
    thread,
    text,
    now,
    signal,
  }: {
    thread: StoredThread;
    text: string;
    now: number;
    signal?: AbortSignal | undefined;
  }): Promise<Plan> {
    if (thread.currentQuery !== null && thread.currentWindow !== null) {
      const refinement = refineQuery({
        current: {
          query: thread.currentQuery,
          intent: thread.currentIntent ?? 'any',
          window: thread.currentWindow,
          focus: thread.focus,
        },
        text,
        now,
      });
      if (refinement.kind === 'refusal') return refinement;
      if (refinement.kind === 'refined') {
        return {
          kind: 'query',
          query: refinement.checked.text,
          intent: thread.currentIntent ?? 'any',
          window: refinement.window,
          focus: refinement.focus,
          refined: true,
          changes: [...refinement.changes],
          repairs: 0,
        };
      }
    }

    let translation: Awaited<ReturnType<HuntTranslator['translate']>>;
    try {
      translation = await translator.translate({ text, now, signal });
    } catch (error) {
      return {
        kind: 'refusal',
        reason: `the translator failed: ${messageOf(error)}`,
        suggestions: ['try again, or use the offline translator (--model offline)'],
      };
    }
    if (translation.kind === 'refusal') return translation;
    return {
      kind: 'query',
      query: translation.checked.text,
      intent: translation.intent,
      window: translation.window ?? {
        fromMs: now - defaultWindowMs,
        toMs: now,
        label: `the last ${Math.round(defaultWindowMs / 86_400_000)} days (default)`,
      },
      focus: 'process',
      refined: false,
      changes: [...translation.notes],
      repairs: translation.repairs,
    };
  }

  function explain(plan: Extract<Plan, { kind: 'query' }>): string {
    const from = new Date(plan.window.fromMs).toISOString();
    const to = new Date(plan.window.toMs).toISOString();
    const focus = plan.focus === 'parent' ? ' Results are counted by parent process.' : '';
    const window = `Window: ${plan.window.label} (${from} to ${to}).`;
    return `${describer.explain(plan.query)} ${window}${focus}`;
  }

  return {
    createThread,
    ask,

    getThread({
      tenantId,
      hunterId,
      threadId,
    }: {
      tenantId: string;
      hunterId: string;
      threadId: string;
    }): HuntThreadView {
      const { currentIntent: _intent, ...thread } = store.getThread({
        tenantId,
        hunterId,
        threadId,
      });
      return { thread, messages: store.listMessages({ tenantId, threadId }) };
    },

    listThreads({ tenantId, hunterId }: { tenantId: string; hunterId: string }) {
      return store
        .listThreads({ tenantId, hunterId })
        .map(({ currentIntent: _i, ...thread }) => thread);
    },

    /**
     * Turns a thread's finding into a case: every query the thread ran, with its window,
     * and the event ids its summaries cited. The case id is `hunt-<thread id>`.
     */
    promote({
      tenantId,
      hunterId,
      threadId,
      title,
    }: {
      tenantId: string;
      hunterId: string;
      threadId: string;
      title?: string | undefined;
    }): PromotedHunt {
      const parsed = PromoteHuntRequest.safeParse(title === undefined ? {} : { title });
      if (!parsed.success)
        throw new HuntRequestError(`the case title ${parsed.error.issues[0]?.message}`);
      const thread = store.getThread({ tenantId, hunterId, threadId });
      const messages = store.listMessages({ tenantId, threadId });
      const ran = messages.filter(
        (m) => m.role === 'agent' && m.query !== null && m.summary !== null,
      );
      if (ran.length === 0) {
        throw new HuntRequestError('the thread has no hunt that ran yet; ask a question first');
      }
      const eventIds = [...new Set(ran.flatMap((m) => m.summary?.citedEventIds ?? []))];
      return store.promote({
        id: `ph-${generateId()}`,
        tenantId,
        threadId,
        hunterId,
        caseId: `hunt-${threadId}`,
        title: parsed.data.title ?? thread.title,
        queries: ran.map((m) => ({
          query: m.query ?? '',
          fromMs: m.window?.fromMs ?? 0,
          toMs: m.window?.toMs ?? 0,
        })),
        eventIds,
        now: clock.now(),
      });
    },
  };
}

export type HuntService = ReturnType<typeof createHuntService>;

function describeSummary(summary: HuntSummary): string {
  if (summary.total === 0) return 'No events matched.';
  const top = summary.byProcess[0];
  const more = summary.truncated ? ' (more on the console)' : '';
  const process = top === undefined ? '' : `; most from ${top.value} (${top.count})`;
  return printable(
    `${summary.total} events${more} on ${summary.byHost.length} host(s)${process}; ` +
      `${summary.outliers.length} rare value(s).`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorEvent(error: unknown): HuntEvent {
  if (error instanceof CasebookError) {
    return { type: 'error', code: error.code, fault: error.fault, message: error.message };
  }
  return { type: 'error', code: 'HUNT_FAILED', fault: 'system', message: messageOf(error) };
}
