import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorBody, listEnvelope } from './envelope.ts';

const Items = listEnvelope(z.looseObject({ id: z.string() }));

describe('listEnvelope', () => {
  it('reads the cursor and total of a page', () => {
    expect(
      Items.parse({ data: [{ id: '1' }], pagination: { nextCursor: 'abc', totalItems: 7 } }),
    ).toEqual({ data: [{ id: '1' }], pagination: { nextCursor: 'abc', totalItems: 7 } });
  });

  it('reads the string "null", an empty string and a missing cursor as the last page', () => {
    for (const pagination of [{ nextCursor: 'null' }, { nextCursor: '' }, {}]) {
      expect(Items.parse({ data: [], pagination }).pagination.nextCursor).toBeNull();
    }
  });

  it('reads a missing total as null', () => {
    expect(
      Items.parse({ data: [], pagination: { nextCursor: null } }).pagination.totalItems,
    ).toBeNull();
  });

  it('refuses a list without pagination', () => {
    expect(Items.safeParse({ data: [] }).success).toBe(false);
  });
});

describe('ErrorBody', () => {
  it('reads the console error body', () => {
    expect(
      ErrorBody.parse({ errors: [{ code: 4010010, detail: null, title: 'Authentication Failed' }] })
        .errors[0],
    ).toEqual({ code: 4010010, detail: null, title: 'Authentication Failed' });
  });

  it('refuses an empty error list', () => {
    expect(ErrorBody.safeParse({ errors: [] }).success).toBe(false);
  });
});
