import { suggestClosest } from '../../../lib/suggest-closest.ts';
import type { S1qlFieldRef, S1qlValue } from '../ast.ts';
import { quotedAlternatives } from '../quoted-alternatives.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { parseS1qlTime } from './parse-s1ql-time.ts';

/** A value as the event store holds it: text, a number (time in epoch ms) or a boolean. */
export type S1qlTypedValue = string | number | boolean;

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * Reads a query value the way its field stores it. Enum values come back in the catalogue's
 * spelling, so `"file"` and `"FILE"` both become the catalogue's `file`.
 */
export function coerceS1qlValue(field: S1qlFieldRef, value: S1qlValue): S1qlTypedValue {
  const { def } = field;
  const fail = (reason: string, expected?: readonly string[]): never => {
    throw new S1qlSyntaxError({ reason, at: value.span, ...(expected ? { expected } : {}) });
  };

  switch (def.type) {
    case 'string':
      return value.text;

    case 'enum': {
      const allowed = def.enumValues ?? [];
      const wanted = value.text.toLowerCase();
      const found = allowed.find((candidate) => candidate.toLowerCase() === wanted);
      if (found !== undefined) return found;

      const close = suggestClosest(value.text, allowed, {
        limit: 1,
        maxDistance: Math.max(2, Math.floor(value.text.length / 3)),
      });
      const hint = close.length > 0 ? ` (did you mean ${quotedAlternatives(close)}?)` : '';
      return fail(
        `"${value.text}" is not a valid ${field.name} value${hint}; ` +
          `valid values are ${quotedAlternatives(allowed)}`,
        allowed,
      );
    }

    case 'number':
      if (!NUMBER.test(value.text)) {
        return fail(`${field.name} takes a number, found "${value.text}"`);
      }
      return Number(value.text);

    case 'time': {
      const millis = parseS1qlTime(value.text);
      if (millis === undefined) {
        return fail(
          `${field.name} takes an ISO-8601 time such as "2024-05-01T12:00:00Z" ` +
            `or epoch milliseconds, found "${value.text}"`,
        );
      }
      return millis;
    }

    case 'boolean': {
      const lower = value.text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        return fail(`${field.name} takes "true" or "false", found "${value.text}"`, [
          'true',
          'false',
        ]);
      }
      return lower === 'true';
    }
  }
}
