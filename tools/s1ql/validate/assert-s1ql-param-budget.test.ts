import { describe, expect, it } from 'vitest';
import { checkS1ql } from '../check-s1ql.ts';
import { MAX_S1QL_SQL_PARAMS } from '../s1ql-limits.ts';

const LIMIT_REASON =
  `the query has more than ${MAX_S1QL_SQL_PARAMS} values, the most one query can bind; ` +
  'split it into smaller queries';

function ones(count: number): string {
  return Array.from({ length: count }, () => '1').join(',');
}

describe('the value limit at check time', () => {
  it("refuses the tester's SrcProcPID In list of 33,000 values at the first one too many", () => {
    const text = `SrcProcPID In (${ones(33_000)})`;
    const result = checkS1ql(text);
    const column = 'SrcProcPID In ('.length + 2 * MAX_S1QL_SQL_PARAMS + 1;
    expect(result).toMatchObject({
      ok: false,
      error: { message: `line 1, column ${column}: ${LIMIT_REASON}`, line: 1, column },
    });
  });

  it('accepts a list of exactly the limit', () => {
    expect(checkS1ql(`SrcProcPID In (${ones(MAX_S1QL_SQL_PARAMS)})`).ok).toBe(true);
  });

  it('counts values across conditions and lines, and in S1QL 2.0', () => {
    const half = MAX_S1QL_SQL_PARAMS / 2;
    const text = `SrcProcPID In (${ones(half)})\nOR TgtProcPID In (${ones(half)})\nOR DstPort = 1`;
    expect(checkS1ql(text)).toMatchObject({
      ok: false,
      error: { message: `line 3, column 4: ${LIMIT_REASON}`, line: 3, column: 4 },
    });

    const v2 = `src.process.pid in (${ones(MAX_S1QL_SQL_PARAMS + 1)})`;
    expect(checkS1ql(v2, { dialect: '2.0' })).toMatchObject({ ok: false });
  });
});
