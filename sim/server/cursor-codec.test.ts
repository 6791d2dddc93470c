import { describe, expect, it } from 'vitest';
import { createCursorCodec, cursorBinding } from './cursor-codec.ts';
import { SimApiError } from './sim-api-error.ts';

const BINDING = cursorBinding('/web/api/v2.1/threats', { limit: 10, ids: ['1', '2'] });

describe('createCursorCodec', () => {
  it('decodes what it encoded, for offsets and sequence positions', () => {
    const codec = createCursorCodec();
    expect(codec.decode(BINDING, codec.encode(BINDING, { offset: 40 }))).toEqual({ offset: 40 });
    expect(codec.decode(BINDING, codec.encode(BINDING, { afterSeq: 7 }))).toEqual({ afterSeq: 7 });
  });

  it('hands out standard base64', () => {
    const cursor = createCursorCodec().encode(BINDING, { offset: 1 });
    expect(cursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  it('rejects a cursor whose position was edited', () => {
    const codec = createCursorCodec();
    const text = Buffer.from(codec.encode(BINDING, { offset: 10 }), 'base64').toString();
    const edited = Buffer.from(text.replace('o:10:', 'o:99:')).toString('base64');
    expect(() => codec.decode(BINDING, edited)).toThrow(SimApiError);
  });

  it('rejects a cursor bound to another endpoint or other filters', () => {
    const codec = createCursorCodec();
    const cursor = codec.encode(BINDING, { offset: 10 });
    const otherPath = cursorBinding('/web/api/v2.1/agents', { limit: 10, ids: ['1', '2'] });
    const otherFilter = cursorBinding('/web/api/v2.1/threats', { limit: 10, ids: ['1'] });
    expect(() => codec.decode(otherPath, cursor)).toThrow('Invalid cursor');
    expect(() => codec.decode(otherFilter, cursor)).toThrow('Invalid cursor');
  });

  it('rejects a cursor from another process', () => {
    const cursor = createCursorCodec().encode(BINDING, { offset: 10 });
    expect(() => createCursorCodec().decode(BINDING, cursor)).toThrow('Invalid cursor');
  });

  it('reads a cursor whose + signs arrived as spaces', () => {
    const codec = createCursorCodec(Buffer.alloc(32, 7));
    for (let offset = 0; offset < 200; offset++) {
      const cursor = codec.encode(BINDING, { offset });
      expect(codec.decode(BINDING, cursor.replaceAll('+', ' '))).toEqual({ offset });
    }
  });
});

describe('cursorBinding', () => {
  it('ignores paging parameters and key order but not filters or sort', () => {
    const a = cursorBinding('/p', { limit: 1, skip: 3, cursor: 'x', ids: ['1'], sortBy: 'id' });
    const b = cursorBinding('/p', { sortBy: 'id', ids: ['1'], limit: 500, countOnly: false });
    expect(a).toBe(b);
    expect(cursorBinding('/p', { ids: ['1'], sortBy: 'createdAt' })).not.toBe(a);
  });
});
