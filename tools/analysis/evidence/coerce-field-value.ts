import type { FieldDef } from '../../s1ql/fields.ts';

export type CoercedValue = string | number | boolean;

/** A value read into the catalogue type, absent, or the reason it could not be. */
export type Coercion =
  | { kind: 'value'; value: CoercedValue }
  | { kind: 'absent' }
  | { kind: 'invalid'; message: string };

const ABSENT: Coercion = { kind: 'absent' };
const INTEGER = /^-?\d{1,16}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const HASH_KEY = /(sha1|sha256|md5)$/i;

/**
 * Reads a raw field value as its catalogue type. The console renders numbers and
 * booleans as strings ("28", "True") and leaves absent fields null; empty strings
 * are absent too, so every present value carries information.
 */
export function coerceFieldValue(field: FieldDef, raw: unknown): Coercion {
  if (raw === null || raw === undefined || raw === '') {
    return ABSENT;
  }
  switch (field.type) {
    case 'number':
      return coerceNumber(raw);
    case 'boolean':
      return coerceBoolean(raw);
    case 'time':
      return coerceTime(raw);
    default:
      return coerceText(field, raw);
  }
}

function coerceText(field: FieldDef, raw: unknown): Coercion {
  if (typeof raw === 'number' || typeof raw === 'boolean') {
    return { kind: 'value', value: String(raw) };
  }
  if (typeof raw !== 'string') {
    return { kind: 'invalid', message: `expected text, got ${describe(raw)}` };
  }
  // Hashes compare as lower-case hex everywhere else in the product.
  return { kind: 'value', value: HASH_KEY.test(field.v2) ? raw.trim().toLowerCase() : raw };
}

function coerceNumber(raw: unknown): Coercion {
  const value =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && INTEGER.test(raw.trim())
        ? Number(raw)
        : NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    return { kind: 'invalid', message: `expected a non-negative integer, got ${describe(raw)}` };
  }
  return { kind: 'value', value };
}

function coerceBoolean(raw: unknown): Coercion {
  if (typeof raw === 'boolean') {
    return { kind: 'value', value: raw };
  }
  const text = String(raw).trim().toLowerCase();
  if (text === 'true' || text === '1') {
    return { kind: 'value', value: true };
  }
  if (text === 'false' || text === '0') {
    return { kind: 'value', value: false };
  }
  return { kind: 'invalid', message: `expected true or false, got ${describe(raw)}` };
}

/** Epoch milliseconds from a number, a digit string or an ISO-8601 time with a zone. */
export function coerceTime(raw: unknown): Coercion {
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) {
    return { kind: 'value', value: raw };
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (INTEGER.test(text)) {
      return { kind: 'value', value: Number(text) };
    }
    if (ISO_WITH_ZONE.test(text)) {
      // Date.parse keeps milliseconds only; cut finer fractions rather than round them.
      const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
      if (!Number.isNaN(ms)) {
        return { kind: 'value', value: ms };
      }
    }
  }
  return { kind: 'invalid', message: `expected a timestamp, got ${describe(raw)}` };
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') {
    return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  }
  return Array.isArray(raw) ? 'a list' : typeof raw === 'object' ? 'an object' : String(raw);
}
