import type { z } from 'zod';

import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { Redactor } from '../../sentinelone/transport/redactor.ts';
import {
  type BackoffPolicy,
  backoffDelay,
  parseRetryAfter,
} from '../../sentinelone/transport/retry-delay.ts';
import type { FetchLike } from '../../sentinelone/transport/transport.ts';
import { ItsmApiError, type ItsmSystem, itsmKindForStatus } from '../itsm-api-error.ts';

export type { FetchLike };

export type ItsmMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface ItsmRequest<Schema extends z.ZodType> {
  method: ItsmMethod;
  /** Path under the base URL, segments already encoded. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Schema of the success body; `null` when the ITSM answers 204 without one. */
  schema: Schema | null;
  signal?: AbortSignal;
}

export interface ItsmTransportOptions {
  system: ItsmSystem;
  /** Origin (and any path prefix) without a trailing slash. */
  baseUrl: string;
  authorization: string;
  fetch: FetchLike;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffPolicy;
  /** Longest `Retry-After` waited out inside one call; longer ones fail the call. */
  maxWaitMs: number;
  userAgent: string;
  /** Reads the ITSM's error body into one message; null when it is not its shape. */
  readError(body: unknown): string | null;
}

export interface ItsmTransport {
  request<Schema extends z.ZodType>(
    spec: ItsmRequest<Schema>,
  ): Promise<{ value: z.output<Schema>; status: number; headers: Headers }>;
}

type Outcome<Value> =
  | { ok: true; value: Value; status: number; headers: Headers }
  | { ok: false; error: ItsmApiError; retryAfterMs: number | null };

const IDEMPOTENT: ReadonlySet<ItsmMethod> = new Set(['GET', 'PUT']);

function queryString(query: ItsmRequest<z.ZodType>['query']): string {
  const pairs = Object.entries(query ?? {}).filter(
    (pair): pair is [string, string] => pair[1] !== undefined,
  );
  return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * HTTP to ServiceNow or Jira: JSON both ways, one timeout per attempt, 429 and 503
 * waited out as `Retry-After` says (seconds or HTTP-date), other 5xx, timeouts and
 * network failures retried with jittered backoff only for reads. A write is never
 * repeated here: the outbox repeats the whole change, which looks before it creates.
 */
export function createItsmTransport(options: ItsmTransportOptions): ItsmTransport {
  const { clock, logger, redactor, system } = options;

  const fail = (
    spec: ItsmRequest<z.ZodType>,
    init: Omit<ConstructorParameters<typeof ItsmApiError>[0], 'system' | 'method' | 'path'>,
  ) => new ItsmApiError({ system, method: spec.method, path: spec.path, ...init });

  const attempt = async <Schema extends z.ZodType>(
    spec: ItsmRequest<Schema>,
    attemptNo: number,
  ): Promise<Outcome<z.output<Schema>>> => {
    const url = `${options.baseUrl}${spec.path}${queryString(spec.query)}`;
    const headers: Record<string, string> = {
      Authorization: options.authorization,
      Accept: 'application/json',
      'User-Agent': options.userAgent,
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

    const timeout = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      timeout.abort(new Error(`no response within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const signal =
      spec.signal === undefined ? timeout.signal : AbortSignal.any([spec.signal, timeout.signal]);

    let response: Response;
    let text: string;
    try {
      response = await options.fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        // A redirect would carry the credentials to wherever it points.
        redirect: 'manual',
        signal,
      });
      text = await response.text();
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const detail = timedOut
        ? `no response within ${options.timeoutMs} ms`
        : redactor.excerpt(cause instanceof Error ? cause.message : String(cause));
      return {
        ok: false,
        retryAfterMs: null,
        error: fail(spec, {
          kind: timedOut ? 'timeout' : 'network',
          detail,
          attempts: attemptNo,
          cause: timedOut ? undefined : redactor.cause(cause),
        }),
      };
    } finally {
      clearTimeout(timer);
    }

    logger.debug(
      { system, method: spec.method, path: spec.path, status: response.status, attempt: attemptNo },
      'itsm request',
    );
    const status = response.status;
    const parsed = parseJson(text);

    if (status < 200 || status > 299) {
      const message = parsed.ok ? options.readError(parsed.value) : null;
      const waits = status === 429 || status === 503;
      const retryAfterMs = waits
        ? parseRetryAfter(response.headers.get('retry-after'), clock.now())
        : null;
      return {
        ok: false,
        retryAfterMs,
        error: fail(spec, {
          kind: status >= 300 && status < 400 ? 'rejected' : itsmKindForStatus(status),
          status,
          itsmMessage: message === null ? null : redactor.scrub(message),
          detail:
            message === null && text.trim() !== ''
              ? `body: ${JSON.stringify(redactor.excerpt(text))}`
              : status >= 300 && status < 400
                ? 'redirect not followed; check the base URL'
                : null,
          attempts: attemptNo,
          retryAfterMs,
        }),
      };
    }

    if (spec.schema === null) {
      return { ok: true, value: undefined as z.output<Schema>, status, headers: response.headers };
    }
    if (!parsed.ok) {
      return {
        ok: false,
        retryAfterMs: null,
        error: fail(spec, {
          kind: 'invalid_response',
          status,
          detail: `the body is not JSON: ${JSON.stringify(redactor.excerpt(text))}`,
          attempts: attemptNo,
        }),
      };
    }
    const checked = spec.schema.safeParse(parsed.value);
    if (!checked.success) {
      const first = checked.error.issues[0];
      const where =
        first === undefined ? '' : `${first.path.map(String).join('.')}: ${first.message}`;
      return {
        ok: false,
        retryAfterMs: null,
        error: fail(spec, {
          kind: 'invalid_response',
          status,
          detail: redactor.scrub(`unexpected shape (${where})`),
          attempts: attemptNo,
        }),
      };
    }

    return { ok: true, value: checked.data, status, headers: response.headers };
  };

  return {
    async request(spec) {
      for (let attemptNo = 1; ; attemptNo += 1) {
        spec.signal?.throwIfAborted();
        const outcome = await attempt(spec, attemptNo);
        if (outcome.ok) return outcome;

        const { error } = outcome;
        const throttled = error.kind === 'rate_limited' || outcome.retryAfterMs !== null;
        const retryable =
          throttled ||
          (IDEMPOTENT.has(spec.method) && error.transient && error.kind !== 'invalid_response');
        if (!retryable || attemptNo > options.maxRetries) throw error;

        const waitMs = outcome.retryAfterMs ?? backoffDelay(attemptNo, options.backoff);
        // A long wait belongs to the outbox, which keeps the change and comes back later.
        if (waitMs > options.maxWaitMs) throw error;
        logger.debug({ system, path: spec.path, reason: error.kind, waitMs }, 'itsm retry');
        if (waitMs > 0) await clock.sleep(waitMs, spec.signal);
      }
    },
  };
}
