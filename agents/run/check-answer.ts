import type { z } from 'zod';

import { extractJson } from './extract-json.ts';

const MAX_ISSUES = 12;

export type CheckedAnswer<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * A model's answer checked against its schema and the case it is about. The problems are
 * written for the model, so one repair attempt can fix them.
 */
export function checkAnswer<S extends z.ZodType>({
  text,
  schema,
  caseId,
}: {
  text: string;
  schema: S;
  caseId: string;
}): CheckedAnswer<z.output<S>> {
  const json = extractJson(text);
  if (!json.ok) return { ok: false, problems: [json.error] };

  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, MAX_ISSUES)
        .map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`),
    };
  }

  const answered = (parsed.data as { caseId?: unknown }).caseId;
  if (answered !== caseId) {
    return {
      ok: false,
      problems: [`caseId: this case is ${caseId}, the answer is about ${String(answered)}`],
    };
  }
  return { ok: true, value: parsed.data };
}
