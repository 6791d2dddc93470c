import { z } from 'zod';

import { canonicalHash } from '../../policy/canonical-json.ts';
import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { notFound } from '../http/api-error.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import type { RunRequest } from '../runs/run-request.ts';
import { CaseId, Id, RunAccepted, RunView, StartRunBody } from '../schemas/api-schemas.ts';
import { type ServerDeps, tenantRuntime } from '../server-deps.ts';
import type { RequestOutcome } from '../store/run-requests.ts';
import { loadRunView } from '../store/run-views.ts';
import { streamRunEvents } from './stream-run-events.ts';

/** The body of a run request's answer, with where to follow it. */
export function runAccepted(run: RunRequest, outcome: RequestOutcome): RunAccepted {
  return {
    runId: run.id,
    caseId: run.caseId,
    status: run.status,
    outcome,
    links: {
      run: `/v1/runs/${run.id}`,
      events: `/v1/runs/${run.id}/events`,
      case: `/v1/cases/${run.caseId}`,
    },
  };
}

export function runRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/cases/{threatId}/runs',
      operationId: 'startRun',
      summary: 'Start a run of a case (queued; one active run per case)',
      description:
        'Queues a first-look run of the case. While the case has a queued or running run, ' +
        'that run answers instead. With an Idempotency-Key, repeating the same request ' +
        'returns the same run, and the same key with another request is 409.',
      tag: 'runs',
      roles: ROUTE_ROLES.startRuns,
      params: z.strictObject({ threatId: CaseId }),
      headers: z.object({
        'idempotency-key': z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('Repeating a request with the same key returns the same run'),
      }),
      body: StartRunBody,
      responses: {
        202: { description: 'A new run was queued', schema: RunAccepted },
        200: { description: 'An existing run answers the request', schema: RunAccepted },
      },
      handle: ({ params, headers, body, auth }) => {
        tenantRuntime(deps, auth.tenantId);
        const key = headers['idempotency-key'];
        const { run, outcome } = deps.queue.request({
          tenantId: auth.tenantId,
          caseId: params.threatId,
          trigger: 'api',
          requestedBy: auth.principalId,
          report: body.report,
          ...(key === undefined
            ? {}
            : {
                idempotency: {
                  key,
                  requestHash: canonicalHash({ threatId: params.threatId, body }),
                },
              }),
        });
        return { status: outcome === 'created' ? 202 : 200, body: runAccepted(run, outcome) };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/runs/{id}',
      operationId: 'getRun',
      summary: 'A run: status, steps so far, and its first look once stored',
      tag: 'runs',
      roles: ROUTE_ROLES.readCases,
      params: z.strictObject({ id: Id }),
      responses: { 200: { description: 'The run', schema: RunView } },
      handle: ({ params, auth }) => {
        const view = loadRunView(deps.store.db, { tenantId: auth.tenantId, id: params.id });
        if (view === undefined) throw notFound('run', params.id);
        return { status: 200, body: view };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/runs/{id}/events',
      operationId: 'streamRunEvents',
      summary: 'Server-sent events of a run: its steps so far, then live, then `end`',
      description:
        'Events: `status` (data {status}), `step` (id = step number; data is the step with ' +
        'its seq), `end` (data {status, failure}); then the stream closes. Comment lines ' +
        'keep an idle stream open. Reconnect with Last-Event-ID to skip steps already seen.',
      tag: 'runs',
      roles: ROUTE_ROLES.readCases,
      params: z.strictObject({ id: Id }),
      headers: z.object({
        'last-event-id': z
          .string()
          .regex(/^\d{1,9}$/)
          .optional()
          .describe('The last step number received'),
      }),
      responses: {
        200: { description: 'An event stream', contentType: 'text/event-stream' },
      },
      handle: ({ params, headers, auth, context }) => {
        const view = loadRunView(deps.store.db, { tenantId: auth.tenantId, id: params.id });
        if (view === undefined) throw notFound('run', params.id);
        return streamRunEvents({
          deps,
          context,
          tenantId: auth.tenantId,
          runId: params.id,
          after: Number(headers['last-event-id'] ?? 0),
        });
      },
    }),
  ];
}
