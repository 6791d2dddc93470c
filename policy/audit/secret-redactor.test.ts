import { describe, expect, it } from 'vitest';

import { createSecretRedactor } from './secret-redactor.ts';

const JWT = 'eyJraWQiOiJzaW0iLCJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbmFseXN0In0.c2lnbmF0dXJlLXBhcnQ';

describe('createSecretRedactor', () => {
  it('censors secret keys at any depth, whatever their spelling', () => {
    const redactor = createSecretRedactor();

    expect(
      redactor.redact({
        apiToken: 'abc',
        nested: [{ Authorization: 'x', 'client-secret': 'y', password: 'z', keep: 'visible' }],
        tokenRef: 'env:ACME_TOKEN',
        usage: { inputTokens: 10 },
      }),
    ).toEqual({
      apiToken: '[redacted]',
      nested: [
        {
          Authorization: '[redacted]',
          'client-secret': '[redacted]',
          password: '[redacted]',
          keep: 'visible',
        },
      ],
      tokenRef: 'env:ACME_TOKEN',
      usage: { inputTokens: 10 },
    });
  });

  it('replaces secret-shaped text inside any string', () => {
    const redactor = createSecretRedactor();

    expect(redactor.redactText(`curl -H "Authorization: ApiToken ${JWT}" https://x`)).toBe(
      'curl -H "Authorization: [redacted]" https://x',
    );
    expect(redactor.redactText(`token ${JWT} end`)).toBe('token [redacted] end');
    expect(redactor.redactText('Bearer abcdefgh12345678 and AKIAABCDEFGHIJKLMNOP')).toBe(
      '[redacted] and [redacted]',
    );
    expect(redactor.redactText('ApiToken:0123456789abcdef')).toBe('[redacted]');
  });

  it('takes extra keys, patterns and known secrets from configuration', () => {
    const redactor = createSecretRedactor({
      keys: ['customerSsn'],
      patterns: ['sk-[A-Za-z0-9]{10,}'],
      secrets: ['hunter2-but-longer'],
    });

    expect(
      redactor.redact({
        customer_ssn: '123-45-6789',
        note: 'key sk-ABCDEFGHIJKL and hunter2-but-longer',
      }),
    ).toEqual({ customer_ssn: '[redacted]', note: 'key [redacted] and [redacted]' });
  });

  it('leaves ordinary evidence alone', () => {
    const redactor = createSecretRedactor();
    const evidence = {
      cmdline: 'powershell -enc SQBFAFgA',
      sha1: 'd8757a0396d05a1d532422827a70a7966c361366',
    };

    expect(redactor.redact(evidence)).toEqual(evidence);
  });
});
