import { describe, expect, it } from 'vitest';

import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const SECRET = 'webhook-secret-0123456789';
const BODY = '{"threatId":"707462634910718646"}';
const NOW = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Verifies a delivery signed `offsetS` seconds from NOW, received 600 ms into a second. */
function verifyAt(offsetS: number): string {
  const timestamp = NOW / 1000 + offsetS;
  return verifyWebhookSignature({
    secret: SECRET,
    timestamp: String(timestamp),
    signature: signWebhook({ secret: SECRET, timestamp, body: BODY }),
    body: BODY,
    now: NOW + 600,
    maxAgeMs: 300_000,
  });
}

describe('verifyWebhookSignature', () => {
  it('accepts a fresh delivery and returns its signature', () => {
    expect(verifyAt(-10)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says how long ago an old delivery was signed', () => {
    expect(() => verifyAt(-600)).toThrow(
      'the delivery was signed 600 s ago; deliveries signed more than 300 s before or after ' +
        "they arrive are refused. Check the sender's clock",
    );
  });

  it('says how far ahead a delivery from a fast clock was signed', () => {
    expect(() => verifyAt(601)).toThrow(
      'the delivery was signed 600 s in the future; deliveries signed more than 300 s before ' +
        "or after they arrive are refused. Check the sender's clock",
    );
  });
});
