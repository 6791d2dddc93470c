import { describe, expect, it } from 'vitest';

import { parseEvalCases } from './parse-eval-cases.ts';

describe('parseEvalCases', () => {
  it('replays every built-in scenario when given nothing', async () => {
    const list = await parseEvalCases({ args: [] });
    expect(list.schemaVersion).toBe(1);
    expect(list.cases).toContainEqual({ kind: 'builtin', scenarioId: 'lateral-movement-wmi' });
  });

  it('tells scenario files from recordings and refuses what names nothing', async () => {
    const here = import.meta.dirname;
    const list = await parseEvalCases({ args: [`${here}/thresholds.json`, here] });
    expect(list.cases).toEqual([
      { kind: 'scenario', path: `${here}/thresholds.json` },
      { kind: 'recording', path: here },
    ]);
    await expect(parseEvalCases({ args: ['no-such-case'] })).rejects.toMatchObject({
      code: 'EVAL_CASE_UNKNOWN',
    });
  });
});
