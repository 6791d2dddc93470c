import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.ts';

const SECRET = 'eyJhbGciOiJFUzI1NiJ9.payload.signature';

describe('createRedactor', () => {
  const redactor = createRedactor([SECRET]);

  it('replaces every occurrence of the secret', () => {
    expect(redactor.scrub(`ApiToken ${SECRET} and again ${SECRET}`)).toBe(
      'ApiToken [redacted] and again [redacted]',
    );
  });

  it('treats the secret literally, not as a pattern', () => {
    const dotted = createRedactor(['a.b']);

    expect(dotted.scrub('a.b axb')).toBe('[redacted] axb');
  });

  it('makes a one-line excerpt of at most 200 characters', () => {
    const text = `line one\n\tline\u0000two ${'y'.repeat(300)}`;

    const excerpt = redactor.excerpt(text);

    expect(excerpt.startsWith('line one line two yyy')).toBe(true);
    expect(excerpt).toHaveLength(201);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('scrubs before cutting, so a secret across the cut leaves no half behind', () => {
    const text = `${'z'.repeat(190)}${SECRET}`;

    expect(redactor.excerpt(text)).toBe(`${'z'.repeat(190)}[redacted]`);
  });

  it('copies a cause chain without the secret and without touching the original', () => {
    const socket = Object.assign(new Error(`reset while sending ${SECRET}`), {
      code: 'ECONNRESET',
    });
    const original = new TypeError(`fetch failed: ${SECRET}`, { cause: socket });

    const copy = redactor.cause(original);

    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe('fetch failed: [redacted]');
    expect(copy.cause).toMatchObject({
      message: 'reset while sending [redacted]',
      code: 'ECONNRESET',
    });
    expect(inspect(copy, { depth: null })).not.toContain(SECRET);
    expect(original.message).toBe(`fetch failed: ${SECRET}`);
  });

  it('copies a thrown non-error as an error with its text scrubbed', () => {
    expect(redactor.cause(`boom ${SECRET}`).message).toBe('boom [redacted]');
  });

  it('leaves text alone when there is no secret', () => {
    expect(createRedactor(['']).scrub('nothing to hide')).toBe('nothing to hide');
  });
});
