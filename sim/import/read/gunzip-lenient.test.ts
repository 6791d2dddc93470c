import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzipLenient } from './gunzip-lenient.ts';

const text = 'line of an event log\n'.repeat(2000);

describe('gunzipLenient', () => {
  it('inflates a whole stream', () => {
    const { bytes, truncated } = gunzipLenient(gzipSync(text));

    expect(truncated).toBe(false);
    expect(new TextDecoder().decode(bytes)).toBe(text);
  });

  it('returns the inflatable start of a stream that lost its end', () => {
    const whole = gzipSync(text);

    const { bytes, truncated } = gunzipLenient(whole.subarray(0, whole.length - 8));

    expect(truncated).toBe(true);
    expect(new TextDecoder().decode(bytes)).toBe(text);
  });

  it('throws on data that is not gzip', () => {
    expect(() => gunzipLenient(new TextEncoder().encode('plain text'))).toThrow(/header/);
  });
});
