import { describe, expect, it } from 'vitest';
import { CasebookError } from '../../lib/casebook-error.ts';
import { faultFor, SentinelOneApiError } from './sentinelone-api-error.ts';

describe('faultFor', () => {
  it('blames configuration, the caller or the console by kind and status', () => {
    expect([
      faultFor('http', 401),
      faultFor('http', 403),
      faultFor('http', 301),
      faultFor('http', 400),
      faultFor('http', 409),
      faultFor('not_found', 404),
      faultFor('not_found', 200),
      faultFor('http', 500),
      faultFor('rate_limited', 429),
      faultFor('timeout', null),
      faultFor('network', null),
      faultFor('invalid_response', 200),
      faultFor('query_failed', 200),
    ]).toEqual([
      'config',
      'config',
      'config',
      'user',
      'user',
      'user',
      'user',
      'upstream',
      'upstream',
      'upstream',
      'upstream',
      'upstream',
      'upstream',
    ]);
  });
});

describe('SentinelOneApiError', () => {
  const error = new SentinelOneApiError({
    kind: 'http',
    method: 'GET',
    path: '/web/api/v2.1/threats',
    status: 403,
    apiCode: 4030010,
    title: 'Insufficient permissions',
    detail: null,
    attempts: 1,
  });

  it('is a CasebookError with a stable code', () => {
    expect(error).toBeInstanceOf(CasebookError);
    expect(error.name).toBe('SentinelOneApiError');
    expect(error.code).toBe('SENTINELONE_HTTP_ERROR');
    expect(error.fault).toBe('config');
  });

  it('serializes every field as data', () => {
    expect(error.toJSON()).toEqual({
      name: 'SentinelOneApiError',
      code: 'SENTINELONE_HTTP_ERROR',
      fault: 'config',
      message:
        'SentinelOne GET /web/api/v2.1/threats failed: ' +
        'HTTP 403, code 4030010: Insufficient permissions',
      kind: 'http',
      status: 403,
      apiCode: 4030010,
      title: 'Insufficient permissions',
      detail: null,
      excerpt: null,
      method: 'GET',
      path: '/web/api/v2.1/threats',
      retryable: false,
      attempts: 1,
      retryAfterMs: null,
    });
  });

  it('lets a caller override the derived fault', () => {
    expect(
      new SentinelOneApiError({ kind: 'query_failed', method: 'GET', path: '/x', fault: 'user' })
        .fault,
    ).toBe('user');
  });
});
