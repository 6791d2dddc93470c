import { describe, expect, it } from 'vitest';
import { buildQueryString } from './query-string.ts';

describe('buildQueryString', () => {
  it('joins arrays with commas and leaves out absent values', () => {
    expect(
      buildQueryString({ ids: ['1', '2'], limit: 10, cursor: undefined, countOnly: false }),
    ).toBe('?ids=1%2C2&limit=10&countOnly=false');
  });

  it('encodes reserved characters in values', () => {
    expect(buildQueryString({ createdAt__gt: '2024-01-01T00:00:00Z', q: 'a&b=c' })).toBe(
      '?createdAt__gt=2024-01-01T00%3A00%3A00Z&q=a%26b%3Dc',
    );
  });

  it('returns an empty string when nothing is set', () => {
    expect(buildQueryString(undefined)).toBe('');
    expect(buildQueryString({ cursor: undefined })).toBe('');
  });
});
