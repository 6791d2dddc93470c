import type { ContentfulStatusCode } from 'hono/utils/http-status';

import type { FaultKind } from '../../lib/casebook-error.ts';

/**
 * The one table from error codes to HTTP statuses. A code that is not listed gets the
 * status of its fault: the caller's mistakes are 400, a misconfigured deployment 503,
 * a failing console or model 502, casebook's own failures 500.
 */
const STATUS_OF_CODE: Record<string, ContentfulStatusCode> = {
  REQUEST_INVALID: 400,
  JSON_MALFORMED: 400,
  ANALYSE_INPUT_INVALID: 400,
  UNAUTHENTICATED: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
  WEBHOOK_STALE: 401,
  FORBIDDEN: 403,
  APPROVAL_REFUSED: 403,
  NOT_FOUND: 404,
  HELD_ACTION_NOT_FOUND: 404,
  HUNT_THREAD_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  IDEMPOTENCY_KEY_REUSED: 409,
  HELD_ACTION_CLOSED: 409,
  HELD_ACTION_OTHER_CONSOLE: 409,
  HELD_ACTION_STALE: 409,
  WEBHOOK_REPLAYED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HELD_ACTION_EDIT_INVALID: 422,
  WEBHOOK_BODY_INVALID: 422,
  WEBHOOKS_DISABLED: 503,
};

const STATUS_OF_FAULT: Record<FaultKind, ContentfulStatusCode> = {
  user: 400,
  config: 503,
  upstream: 502,
  system: 500,
};

export function statusOf({
  code,
  fault,
}: {
  code: string;
  fault: FaultKind;
}): ContentfulStatusCode {
  return STATUS_OF_CODE[code] ?? STATUS_OF_FAULT[fault];
}

/** Every code the table names, for the OpenAPI description. */
export const KNOWN_ERROR_CODES: readonly string[] = Object.keys(STATUS_OF_CODE);
