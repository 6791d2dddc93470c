import { z } from 'zod';

import { formatIssuePath } from '../../tools/registry/format-issue-path.ts';
import { ApiError } from '../http/api-error.ts';
import { named } from '../openapi/named-schemas.ts';
import { ThreatId } from '../schemas/api-schemas.ts';

/** casebook's own notice: one threat, nothing else. */
export const ThreatNotice = z.strictObject({ threatId: ThreatId });

/**
 * A Unified Alert Management alert (the object Hyperautomation's alert trigger
 * carries). Only the alert id and `externalId`, the threat id of an endpoint alert, are
 * read; the rest of the vendor's object is allowed and ignored by design.
 */
export const UamAlert = z.looseObject({
  id: z.string().min(1).max(200),
  externalId: ThreatId,
});

/** The same alert wrapped as a Hyperautomation trigger payload: `{ data: <alert> }`. */
export const AlertTrigger = z.looseObject({ data: UamAlert });

export const WebhookBody = named('WebhookBody', z.union([ThreatNotice, UamAlert, AlertTrigger]));

/**
 * The case a webhook announces and the key of its delivery: `threat:<id>` for a notice,
 * `alert:<alert id>:<threat id>` for an alert, so the same notice or alert delivered again
 * is known, and an alert id a sender reuses for another threat still starts that case.
 */
export function readWebhookNotice(value: unknown): { threatId: string; deliveryKey: string } {
  const object = typeof value === 'object' && value !== null ? value : {};
  if ('threatId' in object) {
    const notice = check(ThreatNotice, value);
    return { threatId: notice.threatId, deliveryKey: `threat:${notice.threatId}` };
  }
  const alert = 'data' in object ? check(AlertTrigger, value).data : check(UamAlert, value);
  return {
    threatId: alert.externalId,
    deliveryKey: `alert:${alert.id}:${alert.externalId}`,
  };
}

function check<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;

  const issues = parsed.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path) || '(root)',
    message:
      issue.code === 'unrecognized_keys' ? `unknown ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new ApiError({
    code: 'WEBHOOK_BODY_INVALID',
    message:
      'the webhook body is neither {"threatId": "<id>"} nor a UAM alert with an id and ' +
      `the threat id in externalId: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    details: { issues },
  });
}
