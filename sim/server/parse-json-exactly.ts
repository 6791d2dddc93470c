export type ParseJsonExactlyResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

/** What Node passes a reviver as its third argument: the literal as written. */
interface ReviverContext {
  readonly source?: string;
}

/**
 * Parses JSON text, refusing integers beyond 2^53 - 1. JSON.parse would round them
 * (`789015512509114197` becomes `...200`), and a rounded id names a different object, so
 * the request is refused rather than acted on with an id the client never sent.
 */
export function parseJsonExactly(text: string): ParseJsonExactlyResult {
  let inexact: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (_key, parsed: unknown, context?: ReviverContext) => {
      const unsafe =
        typeof parsed === 'number' && Number.isInteger(parsed) && !Number.isSafeInteger(parsed);
      if (unsafe && inexact === undefined) inexact = context?.source ?? String(parsed);
      return parsed;
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `Request body is not valid JSON: ${reason}` };
  }

  if (inexact !== undefined) {
    const reason =
      `Request body has the number ${inexact}, which is too large to read exactly; ` +
      `send ids as strings, or as numbers up to ${Number.MAX_SAFE_INTEGER}`;
    return { ok: false, reason };
  }
  return { ok: true, value };
}
