import { createHmac, timingSafeEqual } from 'node:crypto';

import { ApiError } from '../http/api-error.ts';

/** Unix time in seconds when the sender signed the delivery. */
export const TIMESTAMP_HEADER = 'x-casebook-timestamp';
/** `v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
export const SIGNATURE_HEADER = 'x-casebook-signature';

const SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/** The signature header value for a body: what a sender computes. */
export function signWebhook({
  secret,
  timestamp,
  body,
}: {
  secret: string;
  timestamp: number;
  body: string;
}): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * Checks a delivery's signature over its timestamp and exact raw body, in constant time,
 * and refuses a timestamp further than `maxAgeMs` from now either way (a captured
 * delivery cannot be sent again later). Returns the signature, for the replay check.
 */
export function verifyWebhookSignature({
  secret,
  timestamp,
  signature,
  body,
  now,
  maxAgeMs,
}: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  now: number;
  maxAgeMs: number;
}): string {
  const invalid = (message: string) => new ApiError({ code: 'WEBHOOK_SIGNATURE_INVALID', message });
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) {
    throw invalid('send X-Casebook-Timestamp: the unix time in seconds when it was signed');
  }
  const given = signature === undefined ? undefined : SIGNATURE.exec(signature.trim())?.[1];
  if (given === undefined) {
    throw invalid('send X-Casebook-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">');
  }

  const ageMs = now - Number(timestamp) * 1000;
  if (Math.abs(ageMs) > maxAgeMs) {
    // Whole seconds, rounded down: the timestamp itself has no finer resolution.
    const seconds = Math.floor(Math.abs(ageMs) / 1000);
    const when = ageMs > 0 ? `${seconds} s ago` : `${seconds} s in the future`;
    throw new ApiError({
      code: 'WEBHOOK_STALE',
      message:
        `the delivery was signed ${when}; deliveries signed more than ${maxAgeMs / 1000} s ` +
        "before or after they arrive are refused. Check the sender's clock",
    });
  }

  const expected = Buffer.from(
    signWebhook({ secret, timestamp: Number(timestamp), body }).slice(3),
    'hex',
  );
  const presented = Buffer.from(given.toLowerCase(), 'hex');
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
    throw invalid('the signature does not match the body; sign "<timestamp>.<raw body>"');
  }

  return given.toLowerCase();
}
