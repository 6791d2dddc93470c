import { describe, expect, it } from 'vitest';
import { forEachNdjsonRecord } from './ndjson-records.ts';

function collect(text: string) {
  const records: [number, Record<string, unknown>][] = [];
  const bytes = new TextEncoder().encode(text);
  const stats = forEachNdjsonRecord(bytes, (record, line) => records.push([line, record]));
  return { records, stats };
}

describe('forEachNdjsonRecord', () => {
  it('visits each object with its 1-based line number', () => {
    const { records, stats } = collect('{"a":1}\n{"a":2}\n');

    expect(records).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
    ]);
    expect(stats).toEqual({ lines: 2, malformed: 0 });
  });

  it('counts and skips lines that are not JSON objects', () => {
    const { records, stats } = collect('{"a":1}\n{"a":\n[1,2]\n42\nnot json\n{"a":3}');

    expect(records.map(([line]) => line)).toEqual([1, 6]);
    expect(stats).toEqual({ lines: 6, malformed: 4 });
  });

  it('skips a last line cut off mid-record and names it', () => {
    const whole = '{"a":1}\n{"a":2,"b":"long value"}\n';

    const { records, stats } = collect(whole.slice(0, whole.length - 10));

    expect(records).toEqual([[1, { a: 1 }]]);
    expect(stats).toEqual({ lines: 2, malformed: 1, cutOffLine: 2 });
  });

  it('does not call a last line without its newline cut off when it is whole', () => {
    const { records, stats } = collect('{"a":1}\n{"a":2}');

    expect(records).toHaveLength(2);
    expect(stats.cutOffLine).toBeUndefined();
  });

  it('decodes UTF-8 text in values', () => {
    const { records } = collect(
      '{"Product":"Microsoft® Windows® Operating System"}\n{"a":"ascii"}',
    );

    expect(records).toEqual([
      [1, { Product: 'Microsoft® Windows® Operating System' }],
      [2, { a: 'ascii' }],
    ]);
  });

  it('ignores blank lines, CRLF endings and a byte order mark', () => {
    const { records, stats } = collect('\ufeff{"a":1}\r\n\r\n   \n{"a":2}\r\n');

    expect(records).toEqual([
      [1, { a: 1 }],
      [4, { a: 2 }],
    ]);
    expect(stats).toEqual({ lines: 2, malformed: 0 });
  });
});
