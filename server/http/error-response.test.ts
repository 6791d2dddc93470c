import { describe, expect, it } from 'vitest';

import type { Logger } from '../../lib/logger.ts';
import { errorResponse } from './error-response.ts';

function recordingLogger() {
  const calls: { level: string; message: string }[] = [];
  const at =
    (level: string) =>
    (_fields: unknown, message: string): void => {
      calls.push({ level, message });
    };
  const logger = { error: at('error'), warn: at('warn'), debug: at('debug') } as unknown as Logger;
  return { logger, calls };
}

describe('errorResponse', () => {
  it('answers a defect with a generic 500 and logs it as an error', () => {
    const { logger, calls } = recordingLogger();

    const answer = errorResponse({
      error: new TypeError('x is undefined'),
      logger,
      where: 'GET /',
    });

    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('x is undefined');
    expect(calls).toEqual([{ level: 'error', message: 'server: unexpected failure' }]);
  });

  it('logs a client that hung up mid-request at debug, not as a failure', () => {
    const { logger, calls } = recordingLogger();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

    for (const error of [new DOMException('gone', 'AbortError'), reset, new Error('aborted')]) {
      errorResponse({ error, logger, where: 'POST /v1/webhooks/sentinelone' });
    }

    expect(calls.map((call) => call.level)).toEqual(['debug', 'debug', 'debug']);
  });
});
