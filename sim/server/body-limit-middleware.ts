import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { payloadTooLargeError } from './sim-api-error.ts';
import type { SimEnv } from './sim-env.ts';

/** Far above any real write (a note is at most 20,000 characters), far below memory. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The `maxBodyBytes` option of the app. */
export const MaxBodyBytes = z.number().int().min(1).default(DEFAULT_MAX_BODY_BYTES);

/**
 * Refuses a body larger than `maxBytes` with the console's 413 before reading it all: at once
 * when Content-Length says so, otherwise (a chunked body) as soon as the bytes read pass the
 * limit. A body within the limit is buffered once, so routes read it as usual.
 */
export function bodyLimitMiddleware({
  maxBytes,
}: {
  readonly maxBytes: number;
}): MiddlewareHandler<SimEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw payloadTooLargeError(maxBytes);
    },
  });
}
