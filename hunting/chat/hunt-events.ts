import { z } from 'zod';

import { HuntFocus } from '../refine/hunt-focus.ts';
import { HuntSummary } from '../run/summarise-hunt.ts';
import { HuntWindow } from '../translate/extract-time-range.ts';

/**
 * The bodies of the hunting API, HTTP-agnostic: the HTTP routes and the REPL both speak
 * them. A message's answer is a stream of `HuntEvent`s ending in `done`.
 */

export const CreateHuntThreadRequest = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
});
export type CreateHuntThreadRequest = z.infer<typeof CreateHuntThreadRequest>;

export const PostHuntMessageRequest = z.strictObject({
  text: z.string().trim().min(1).max(4_000),
});
export type PostHuntMessageRequest = z.infer<typeof PostHuntMessageRequest>;

export const HuntThread = z.strictObject({
  id: z.string(),
  tenantId: z.string(),
  hunterId: z.string(),
  title: z.string(),
  currentQuery: z.string().nullable(),
  currentWindow: HuntWindow.nullable(),
  focus: HuntFocus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HuntThread = z.infer<typeof HuntThread>;

export const HuntMessage = z.strictObject({
  seq: z.number().int(),
  role: z.enum(['hunter', 'agent']),
  text: z.string(),
  query: z.string().nullable(),
  explanation: z.string().nullable(),
  window: HuntWindow.nullable(),
  summary: HuntSummary.nullable(),
  createdAt: z.string(),
});
export type HuntMessage = z.infer<typeof HuntMessage>;

/** `GET /v1/hunt/threads/{id}`: the thread and its history. */
export const HuntThreadView = z.strictObject({
  thread: HuntThread,
  messages: z.array(HuntMessage),
});
export type HuntThreadView = z.infer<typeof HuntThreadView>;

const LintWarning = z.strictObject({
  message: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

export const HuntEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('query'),
    threadId: z.string(),
    text: z.string(),
    dialect: z.literal('s1ql-1.0'),
    window: HuntWindow,
    limit: z.number().int(),
    /** True when a follow-up edited the previous query. */
    refined: z.boolean(),
    /** What the follow-up changed, or choices the translator made. */
    changes: z.array(z.string()),
    translator: z.string(),
    repairs: z.number().int(),
  }),
  z.strictObject({ type: z.literal('explanation'), text: z.string() }),
  z.strictObject({ type: z.literal('lint'), warnings: z.array(LintWarning) }),
  z.strictObject({
    type: z.literal('progress'),
    stage: z.enum(['translating', 'running', 'summarising']),
    message: z.string(),
  }),
  z.strictObject({ type: z.literal('summary'), summary: HuntSummary }),
  z.strictObject({
    type: z.literal('refusal'),
    reason: z.string(),
    suggestions: z.array(z.string()),
  }),
  z.strictObject({
    type: z.literal('error'),
    code: z.string(),
    fault: z.enum(['user', 'config', 'upstream', 'system']),
    message: z.string(),
  }),
  z.strictObject({
    type: z.literal('done'),
    threadId: z.string(),
    /** The agent's message in the thread's history. */
    seq: z.number().int(),
  }),
]);
export type HuntEvent = z.infer<typeof HuntEvent>;

/** `POST /v1/hunt/threads/{id}/promote`: a hunt becomes a case. */
export const PromoteHuntRequest = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
});
export type PromoteHuntRequest = z.infer<typeof PromoteHuntRequest>;

export const PromotedHunt = z.strictObject({
  id: z.string(),
  caseId: z.string(),
  threadId: z.string(),
  title: z.string(),
  queries: z.array(z.strictObject({ query: z.string(), fromMs: z.number(), toMs: z.number() })),
  eventIds: z.array(z.string()),
  createdAt: z.string(),
});
export type PromotedHunt = z.infer<typeof PromotedHunt>;
