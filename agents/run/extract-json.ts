/**
 * The JSON object in a model's answer: the whole text, or the text inside a code fence,
 * or from the first `{` to the last `}` (models like to add a sentence around it).
 */
export function extractJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1];
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  const candidates = [
    text.trim(),
    fenced?.trim(),
    start !== -1 && end > start ? text.slice(start, end + 1) : undefined,
  ].filter((candidate): candidate is string => candidate !== undefined && candidate !== '');

  for (const candidate of candidates) {
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch {
      // The next candidate may be the JSON.
    }
  }
  return { ok: false, error: 'the answer is not a JSON object' };
}
