import { describe, expect, it } from 'vitest';
import type { S1qlExpr, S1qlInList, S1qlQuery } from '../ast.ts';
import { findField } from '../fields.ts';
import { parseS1ql } from '../parse-s1ql.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { validateS1qlQuery } from './validate-s1ql-query.ts';

function query(text: string): S1qlQuery {
  const result = parseS1ql(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.query;
}

function problem(edited: S1qlQuery): string {
  try {
    validateS1qlQuery(edited);
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return error.data.message;
    throw error;
  }
  return 'valid';
}

function withRoot(base: S1qlQuery, root: S1qlExpr): S1qlQuery {
  return { ...base, root };
}

describe('validateS1qlQuery on edited trees', () => {
  it('accepts a tree straight from the parser', () => {
    expect(problem(query('EventType = "Login" AND NOT SrcIP In ("1", "2")'))).toBe('valid');
  });

  it('rejects a list emptied by an edit, at the operator', () => {
    const base = query('SrcIP In Contains ("1")');
    const root = { ...(base.root as S1qlInList), values: [] };
    expect(problem(withRoot(base, root))).toBe(
      'line 1, column 7: the list after "In Contains" is empty; give at least one value',
    );
  });

  it('rejects a field swapped for one whose type does not fit the operator', () => {
    const base = query('SrcProcName Contains "x"');
    if (base.root.kind !== 'stringMatch') throw new Error('expected a string match');
    const def = findField('EventType');
    if (def === undefined) throw new Error('EventType is in the catalogue');
    const root = { ...base.root, field: { ...base.root.field, name: 'EventType', def } };
    expect(problem(withRoot(base, root))).toBe(
      'line 1, column 13: "Contains" cannot be used on EventType, which takes one of a fixed ' +
        'set of values; use =, !=, In or Not In',
    );
  });

  it('rejects an enum value changed to one outside the catalogue, inside nested nodes', () => {
    const base = query('NOT (SrcIP = "1" OR EndpointOS = "linux")');
    if (base.root.kind !== 'not' || base.root.operand.kind !== 'or') throw new Error('shape');
    const [first, second] = base.root.operand.operands;
    if (first === undefined || second?.kind !== 'comparison') throw new Error('shape');
    const bad = { ...second, value: { ...second.value, text: 'solaris' } };
    const root = { ...base.root, operand: { ...base.root.operand, operands: [first, bad] } };
    expect(problem(withRoot(base, root))).toBe(
      'line 1, column 34: "solaris" is not a valid EndpointOS value; ' +
        'valid values are "windows", "linux" or "macos"',
    );
  });

  it('rejects a field definition that is not the catalogue entry', () => {
    const base = query('SrcIP = "1"');
    if (base.root.kind !== 'comparison') throw new Error('shape');
    const def = { ...base.root.field.def, v1: 'Invented', v2: 'invented.field' };
    const root = { ...base.root, field: { ...base.root.field, def } };
    expect(problem(withRoot(base, root))).toBe('line 1, column 1: unknown field "SrcIP"');
  });

  it('uses the catalogue type rather than a type edited into the tree', () => {
    const base = query('DstPort = "3389"');
    if (base.root.kind !== 'comparison') throw new Error('shape');
    const def = { ...base.root.field.def, type: 'string' as const };
    const root = {
      ...base.root,
      field: { ...base.root.field, def },
      value: { ...base.root.value, text: 'rdp' },
    };
    expect(problem(withRoot(base, root))).toBe(
      'line 1, column 11: DstPort takes a number, found "rdp"',
    );
  });
});
