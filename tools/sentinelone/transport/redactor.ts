const CENSOR = '[redacted]';

// Bodies and error texts are echoed into errors; a few hundred characters identify them.
const EXCERPT_LENGTH = 200;

const MAX_CAUSE_DEPTH = 4;

export interface Redactor {
  /** Replaces every secret in the text. */
  scrub(text: string): string;
  /** A short, single-line, secret-free start of a body for an error. */
  excerpt(text: string): string;
  /**
   * A copy of a thrown value safe to keep as `cause`: same name, code and message shape,
   * secrets removed, nested causes copied the same way. Foreign errors are never mutated.
   */
  cause(value: unknown): Error;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const present = [...new Set(secrets.filter((secret) => secret !== ''))].sort(
    (a, b) => b.length - a.length,
  );
  const pattern =
    present.length === 0 ? null : new RegExp(present.map(escapeForRegExp).join('|'), 'g');

  const scrub = (text: string): string => (pattern === null ? text : text.replace(pattern, CENSOR));

  const excerpt = (text: string): string => {
    // Scrub before cutting so a secret split by the cut cannot survive in half.
    const flat = scrub(text)
      .replace(/\p{Cc}+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
  };

  const copy = (value: unknown, depth: number): Error => {
    if (!(value instanceof Error)) {
      return new Error(scrub(String(value)));
    }
    const nested =
      value.cause !== undefined && depth < MAX_CAUSE_DEPTH
        ? { cause: copy(value.cause, depth + 1) }
        : undefined;
    const clean = new Error(scrub(value.message), nested);
    clean.name = value.name;
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') {
      Object.assign(clean, { code });
    }
    clean.stack = `${clean.name}: ${clean.message}`;
    return clean;
  };

  return { scrub, excerpt, cause: (value) => copy(value, 0) };
}
