import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecompressionLimitError } from './decompression-limit.ts';
import { gunzipLenient } from './gunzip-lenient.ts';

const text = 'line of an event log\n'.repeat(2000);
const maxBytes = 1024 * 1024;

describe('gunzipLenient', () => {
  it('inflates a whole stream', () => {
    const { bytes, truncated } = gunzipLenient(gzipSync(text), { maxBytes });

    expect(truncated).toBe(false);
    expect(new TextDecoder().decode(bytes)).toBe(text);
  });

  it('returns the inflatable start of a stream that lost its end', () => {
    const whole = gzipSync(text);

    const { bytes, truncated } = gunzipLenient(whole.subarray(0, whole.length - 8), { maxBytes });

    expect(truncated).toBe(true);
    expect(new TextDecoder().decode(bytes)).toBe(text);
  });

  it('throws on data that is not gzip', () => {
    expect(() => gunzipLenient(new TextEncoder().encode('plain text'), { maxBytes })).toThrow(
      /header/,
    );
  });

  it('inflates a stream of exactly maxBytes', () => {
    const { bytes } = gunzipLenient(gzipSync(text), { maxBytes: text.length });

    expect(bytes.length).toBe(text.length);
  });

  it('stops inflating a stream that would pass maxBytes', () => {
    const bomb = gzipSync(new Uint8Array(8 * maxBytes), { level: 1 });

    expect(() => gunzipLenient(bomb, { maxBytes })).toThrow(DecompressionLimitError);
  });

  it('stops inflating a cut-off stream that would pass maxBytes', () => {
    const bomb = gzipSync(new Uint8Array(8 * maxBytes), { level: 1 });

    expect(() => gunzipLenient(bomb.subarray(0, bomb.length - 8), { maxBytes })).toThrow(
      DecompressionLimitError,
    );
  });

  it('allows nothing once the budget is spent', () => {
    expect(() => gunzipLenient(gzipSync('x'), { maxBytes: 0 })).toThrow(DecompressionLimitError);
    expect(gunzipLenient(gzipSync(''), { maxBytes: 0 }).bytes.length).toBe(0);
  });
});
