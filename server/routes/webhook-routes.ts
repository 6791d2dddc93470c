import { z } from 'zod';

import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { ApiError } from '../http/api-error.ts';
import { parseJsonText, requireJsonContent } from '../http/request-input.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { RunAccepted } from '../schemas/api-schemas.ts';
import { type ServerDeps, tenantRuntime } from '../server-deps.ts';
import { recordWebhookSignature } from '../store/webhook-signatures.ts';
import { readWebhookNotice, WebhookBody } from '../webhooks/webhook-notice.ts';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../webhooks/webhook-signature.ts';
import { runAccepted } from './run-routes.ts';

/** Deliveries signed further than this from the server's clock are refused. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;

export function webhookRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/webhooks/sentinelone',
      operationId: 'sentinelOneWebhook',
      summary: 'A new threat or alert: queue its case for a run (once per case)',
      description:
        'Body: {"threatId": "<id>"}, a UAM alert (its externalId is the threat id) or a ' +
        'Hyperautomation trigger {"data": <alert>}. Signed: X-Casebook-Timestamp is the unix ' +
        'time in seconds, X-Casebook-Signature is v1=<hex HMAC-SHA256 of ' +
        '"<timestamp>.<raw body>"> under the server\'s webhook secret. Stale (over 5 minutes) ' +
        'and replayed signatures are refused. A notice or alert delivered again, or a case ' +
        'with a queued or running run, answers with that run.',
      tag: 'webhooks',
      roles: ROUTE_ROLES.webhooks,
      headers: z.object({
        [TIMESTAMP_HEADER]: z.string().optional().describe('Unix time in seconds of signing'),
        [SIGNATURE_HEADER]: z.string().optional().describe('v1=<hex HMAC-SHA256>'),
      }),
      body: WebhookBody,
      rawBody: true,
      responses: {
        202: { description: 'A run was queued', schema: RunAccepted },
        200: { description: 'An earlier run answers this delivery', schema: RunAccepted },
      },
      handle: ({ headers, rawBody, auth, context }) => {
        if (deps.webhookSecret === undefined) {
          throw new ApiError({
            code: 'WEBHOOKS_DISABLED',
            fault: 'config',
            message:
              'webhooks are off: the server has no webhook secret (server.webhookSecretRef, ' +
              'by default the CASEBOOK_WEBHOOK_SECRET environment variable)',
          });
        }
        const now = deps.clock.now();
        const signature = verifyWebhookSignature({
          secret: deps.webhookSecret,
          timestamp: headers[TIMESTAMP_HEADER],
          signature: headers[SIGNATURE_HEADER],
          body: rawBody,
          now,
          maxAgeMs: WEBHOOK_MAX_AGE_MS,
        });
        recordWebhookSignature(deps.store.db, {
          tenantId: auth.tenantId,
          signature,
          now,
          maxAgeMs: WEBHOOK_MAX_AGE_MS,
        });

        requireJsonContent(context.req.header('content-type'), rawBody);
        const notice = readWebhookNotice(parseJsonText(rawBody));
        tenantRuntime(deps, auth.tenantId);
        const { run, outcome } = deps.queue.request({
          tenantId: auth.tenantId,
          caseId: notice.threatId,
          trigger: 'webhook',
          requestedBy: auth.principalId,
          delivery: { key: notice.deliveryKey },
        });
        return { status: outcome === 'created' ? 202 : 200, body: runAccepted(run, outcome) };
      },
    }),
  ];
}
