import type { ContentfulStatusCode } from 'hono/utils/http-status';

import { CasebookError } from '../../lib/casebook-error.ts';
import type { Logger } from '../../lib/logger.ts';
import { ApiError } from './api-error.ts';
import type { ErrorBody } from './error-body.ts';
import { statusOf } from './error-status.ts';

export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
}

// What a CasebookError's toJSON repeats from the body itself.
const SHOWN = new Set(['name', 'code', 'fault', 'message']);

/**
 * Turns anything a route threw into the one error shape. Casebook's own errors keep
 * their code, fault and message (written for the person who has to act); anything else
 * is a defect, logged in full and answered with a generic message, so no stack trace,
 * query or path reaches the client.
 */
export function errorResponse({
  error,
  logger,
  where,
}: {
  error: unknown;
  logger: Logger;
  where: string;
}): ErrorResponse {
  if (error instanceof ApiError) {
    return {
      status: statusOf(error),
      body: {
        error: {
          code: error.code,
          message: error.message,
          fault: error.fault,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      },
      headers: error.headers,
    };
  }

  if (error instanceof CasebookError) {
    const status = statusOf(error);
    if (status >= 500) logger.warn({ err: error, where }, 'server: request failed');
    const extra = Object.entries(error.toJSON()).filter(([key]) => !SHOWN.has(key));
    return {
      status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          fault: error.fault,
          ...(extra.length === 0 ? {} : { details: Object.fromEntries(extra) }),
        },
      },
      headers: {},
    };
  }

  // A client that hangs up mid-body is no defect of ours, and slow or dropped uploads
  // must not flood the log with stack traces.
  if (isClientAbort(error)) logger.debug({ where }, 'server: the client went away');
  else logger.error({ err: error, where }, 'server: unexpected failure');
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: 'casebook failed to answer this request; the server log has the details',
        fault: 'system',
      },
    },
    headers: {},
  };
}

const ABORT_CODES = new Set(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR']);

function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    error.name === 'AbortError' ||
    (code !== undefined && ABORT_CODES.has(code)) ||
    error.message === 'aborted'
  );
}
