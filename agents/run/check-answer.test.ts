import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { checkAnswer } from './check-answer.ts';

const Schema = z.strictObject({ caseId: z.string(), verdict: z.enum(['a', 'b']) });

describe('checkAnswer', () => {
  it('takes the JSON out of a fenced, chatty answer', () => {
    const text = 'Here it is:\n```json\n{"caseId":"7","verdict":"a"}\n```\nDone.';

    expect(checkAnswer({ text, schema: Schema, caseId: '7' })).toEqual({
      ok: true,
      value: { caseId: '7', verdict: 'a' },
    });
  });

  it('lists schema problems by path, for the repair prompt', () => {
    const result = checkAnswer({
      text: '{"caseId":"7","verdict":"c","x":1}',
      schema: Schema,
      caseId: '7',
    });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'verdict: Invalid option: expected one of "a"|"b"',
      '(answer): Unrecognized key: "x"',
    ]);
  });

  it('refuses an answer about another case', () => {
    expect(
      checkAnswer({ text: '{"caseId":"8","verdict":"a"}', schema: Schema, caseId: '7' }),
    ).toEqual({
      ok: false,
      problems: ['caseId: this case is 7, the answer is about 8'],
    });
  });

  it('says when there is no JSON at all', () => {
    expect(checkAnswer({ text: 'I cannot do that.', schema: Schema, caseId: '7' })).toEqual({
      ok: false,
      problems: ['the answer is not a JSON object'],
    });
  });
});
