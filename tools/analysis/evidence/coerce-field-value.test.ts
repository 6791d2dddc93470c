import { describe, expect, it } from 'vitest';
import { findField } from '../../s1ql/fields.ts';
import { coerceFieldValue, coerceTime } from './coerce-field-value.ts';

const field = (name: string) => {
  const found = findField(name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
};

describe('coerceFieldValue', () => {
  it('reads the console string forms of numbers and booleans', () => {
    expect([
      coerceFieldValue(field('SrcProcPID'), '1188'),
      coerceFieldValue(field('DstPort'), 443),
      coerceFieldValue(field('SrcProcIsStorylineRoot'), 'False'),
      coerceFieldValue(field('TgtFileIsExecutable'), 1),
      coerceFieldValue(field('SrcProcImageSha1'), ' ABC123 '),
      coerceFieldValue(field('SrcProcCmdLine'), ' keeps  spaces '),
    ]).toEqual([
      { kind: 'value', value: 1188 },
      { kind: 'value', value: 443 },
      { kind: 'value', value: false },
      { kind: 'value', value: true },
      { kind: 'value', value: 'abc123' },
      { kind: 'value', value: ' keeps  spaces ' },
    ]);
  });

  it('treats null, undefined and empty text as absent', () => {
    expect(
      [null, undefined, ''].map((raw) => coerceFieldValue(field('SrcProcName'), raw).kind),
    ).toEqual(['absent', 'absent', 'absent']);
  });

  it('explains values it cannot read', () => {
    expect([
      coerceFieldValue(field('SrcProcPID'), '12.5'),
      coerceFieldValue(field('SrcProcIsStorylineRoot'), 'yes'),
      coerceFieldValue(field('SrcProcName'), { nested: true }),
    ]).toEqual([
      { kind: 'invalid', message: 'expected a non-negative integer, got "12.5"' },
      { kind: 'invalid', message: 'expected true or false, got "yes"' },
      { kind: 'invalid', message: 'expected text, got an object' },
    ]);
  });
});

describe('coerceTime', () => {
  it('reads ISO times with a zone, cutting sub-millisecond digits, and epoch milliseconds', () => {
    expect([
      coerceTime('2022-01-24T18:49:35.2969999Z'),
      coerceTime('2022-01-24T20:49:35.296+02:00'),
      coerceTime('1643050175296'),
      coerceTime('2022-01-24 18:49:35'),
    ]).toEqual([
      { kind: 'value', value: Date.UTC(2022, 0, 24, 18, 49, 35, 296) },
      { kind: 'value', value: Date.UTC(2022, 0, 24, 18, 49, 35, 296) },
      { kind: 'value', value: 1643050175296 },
      { kind: 'invalid', message: 'expected a timestamp, got "2022-01-24 18:49:35"' },
    ]);
  });
});
