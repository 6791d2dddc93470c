import { streamSSE } from 'hono/streaming';
import { z } from 'zod';

import {
  CreateHuntThreadRequest,
  HuntEvent,
  HuntThread,
  HuntThreadView,
  PostHuntMessageRequest,
  PromotedHunt,
  PromoteHuntRequest,
} from '../../hunting/index.ts';
import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { named } from '../openapi/named-schemas.ts';
import { Id } from '../schemas/api-schemas.ts';
import { type ServerDeps, tenantRuntime } from '../server-deps.ts';

const Thread = named('HuntThread', HuntThread);
const ThreadView = named('HuntThreadView', HuntThreadView);
const ThreadList = named('HuntThreadList', z.strictObject({ items: z.array(HuntThread) }));
const Promoted = named('PromotedHunt', PromotedHunt);
named('HuntEvent', HuntEvent);

/**
 * The hunting chat: a hunter's threads, each message answered as a stream of hunt events
 * (the query, its explanation and lint warnings, progress, the results summary, `done`).
 * A thread belongs to the key's principal in the key's tenant; anyone else gets 404.
 */
export function huntRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/hunt/threads',
      operationId: 'createHuntThread',
      summary: 'Start a hunting thread',
      tag: 'hunting',
      roles: ROUTE_ROLES.hunt,
      body: CreateHuntThreadRequest,
      responses: { 201: { description: 'The new thread', schema: Thread } },
      handle: ({ body, auth }) => {
        const { hunting } = tenantRuntime(deps, auth.tenantId);
        const { currentIntent: _intent, ...thread } = hunting.createThread({
          tenantId: auth.tenantId,
          hunterId: auth.principalId,
          title: body.title,
        });
        return { status: 201, body: thread };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/hunt/threads',
      operationId: 'listHuntThreads',
      summary: "The caller's hunting threads, newest first",
      tag: 'hunting',
      roles: ROUTE_ROLES.hunt,
      responses: { 200: { description: 'The threads', schema: ThreadList } },
      handle: ({ auth }) => {
        const { hunting } = tenantRuntime(deps, auth.tenantId);
        const items = hunting.listThreads({ tenantId: auth.tenantId, hunterId: auth.principalId });
        return { status: 200, body: { items } };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/hunt/threads/{id}',
      operationId: 'getHuntThread',
      summary: 'A thread, its current query and its history',
      tag: 'hunting',
      roles: ROUTE_ROLES.hunt,
      params: z.strictObject({ id: Id }),
      responses: { 200: { description: 'The thread', schema: ThreadView } },
      handle: ({ params, auth }) => {
        const { hunting } = tenantRuntime(deps, auth.tenantId);
        const view = hunting.getThread({
          tenantId: auth.tenantId,
          hunterId: auth.principalId,
          threadId: params.id,
        });
        return { status: 200, body: view };
      },
    }),

    defineRoute({
      method: 'post',
      path: '/v1/hunt/threads/{id}/messages',
      operationId: 'postHuntMessage',
      summary: 'Ask in a thread; the answer streams as server-sent hunt events',
      description:
        'Each event is named by its `type` and carries the HuntEvent as JSON: `query` (the ' +
        'checked S1QL, its window and limit, and what a follow-up changed), `explanation`, ' +
        '`lint`, `progress`, `summary` (counts by host, process and time, rare values, ' +
        'cited event ids), `refusal` (with how to ask instead) or `error`, and last `done`. ' +
        'A follow-up ("only on WKS-12", "drop svchost", "last two hours") edits the ' +
        "thread's current query. Closing the stream cancels the hunt.",
      tag: 'hunting',
      roles: ROUTE_ROLES.hunt,
      params: z.strictObject({ id: Id }),
      body: PostHuntMessageRequest,
      responses: {
        200: { description: 'A stream of hunt events', contentType: 'text/event-stream' },
      },
      handle: ({ params, body, auth, context }) => {
        const { hunting } = tenantRuntime(deps, auth.tenantId);
        // The thread must exist before the stream opens, so a wrong id is a plain 404.
        hunting.getThread({
          tenantId: auth.tenantId,
          hunterId: auth.principalId,
          threadId: params.id,
        });

        return streamSSE(context, async (stream) => {
          const cancel = new AbortController();
          stream.onAbort(() => cancel.abort());
          const answer = hunting.ask({
            tenantId: auth.tenantId,
            hunterId: auth.principalId,
            threadId: params.id,
            text: body.text,
            signal: cancel.signal,
          });
          for await (const event of answer) {
            if (stream.aborted) break;
            await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
          }
        });
      },
    }),

    defineRoute({
      method: 'post',
      path: '/v1/hunt/threads/{id}/promote',
      operationId: 'promoteHunt',
      summary: "Turn a thread's finding into a case that the supervisor can analyse",
      description:
        'The case (`hunt-<thread id>`) carries every query the thread ran, with its window, ' +
        'and the event ids its summaries cited. Promoting again returns the same case.',
      tag: 'hunting',
      roles: ROUTE_ROLES.hunt,
      params: z.strictObject({ id: Id }),
      body: PromoteHuntRequest,
      responses: { 201: { description: 'The promoted hunt', schema: Promoted } },
      handle: ({ params, body, auth }) => {
        const { hunting } = tenantRuntime(deps, auth.tenantId);
        const promoted = hunting.promote({
          tenantId: auth.tenantId,
          hunterId: auth.principalId,
          threadId: params.id,
          title: body.title,
        });
        return { status: 201, body: promoted };
      },
    }),
  ];
}
