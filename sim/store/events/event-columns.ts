import { FIELDS, type FieldDef } from '../../../tools/s1ql/fields.ts';

export type ColumnValue = string | number | null;

/** SQLite type of a field's column; NUMERIC keeps integers as integers and reals as reals. */
export function sqlTypeOf(field: FieldDef): 'TEXT' | 'NUMERIC' | 'INTEGER' {
  switch (field.type) {
    case 'string':
    case 'enum':
      return 'TEXT';
    case 'number':
      return 'NUMERIC';
    case 'time':
    case 'boolean':
      return 'INTEGER';
  }
}

/** Every catalogue field, in the order the event table and its insert statement use. */
export const EVENT_FIELDS: readonly FieldDef[] = FIELDS;

/** Why a value did not fit its field; the loader adds which event and field. */
export class EventValueError extends Error {}

type RawValue = string | number | boolean | null | undefined;

function toTime(value: string | number): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.trunc(value);
  }
  if (typeof value === 'string') {
    if (/^\d{1,16}$/.test(value)) {
      return Number(value);
    }
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) {
      return ms;
    }
    // Some engines refuse more than three fraction digits; microsecond stamps are common.
    const trimmed = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
    if (!Number.isNaN(trimmed)) {
      return trimmed;
    }
  }
  throw new EventValueError(`expected an ISO-8601 time or epoch milliseconds, got ${show(value)}`);
}

function toNumber(value: string | number | boolean): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw new EventValueError(`expected a number, got ${show(value)}`);
}

function toBoolean(value: string | number | boolean): number {
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (value === 1 || value === 0) {
    return value;
  }
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true' || lower === '1') return 1;
    if (lower === 'false' || lower === '0') return 0;
  }
  throw new EventValueError(`expected true or false, got ${show(value)}`);
}

function show(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

/** Converts one scenario value to what the field's column stores. */
export function toColumnValue(field: FieldDef, value: RawValue): ColumnValue {
  if (value === null || value === undefined) {
    return null;
  }
  switch (field.type) {
    case 'string':
    case 'enum':
      return typeof value === 'string' ? value : String(value);
    case 'number':
      return toNumber(value);
    case 'time':
      if (typeof value === 'boolean') {
        throw new EventValueError(`expected a time, got ${show(value)}`);
      }
      return toTime(value);
    case 'boolean':
      return toBoolean(value);
  }
}
