import {
  isS1qlPredicate,
  type S1qlDialect,
  type S1qlExpr,
  type S1qlPredicate,
  type S1qlQuery,
  type S1qlValue,
} from '../ast.ts';
import type { FieldType } from '../fields.ts';
import { MAX_S1QL_PREDICATES } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { assertS1qlParamBudget } from './assert-s1ql-param-budget.ts';
import { catalogueFieldOf } from './catalogue-field-of.ts';
import { coerceS1qlValue } from './coerce-s1ql-value.ts';
import { compileS1qlPattern } from './compile-s1ql-pattern.ts';

const ALLOWED_OPERATORS: Record<FieldType, readonly string[]> = {
  string: ['=', '!=', 'Contains', 'StartsWith', 'EndsWith', 'RegExp', 'In', 'Not In'],
  enum: ['=', '!=', 'In', 'Not In'],
  number: ['=', '!=', '>', '>=', '<', '<=', 'In', 'Not In', 'Between'],
  time: ['=', '!=', '>', '>=', '<', '<=', 'In', 'Not In', 'Between'],
  boolean: ['=', '!=', 'In', 'Not In', 'Is True', 'Is False'],
};

/** The same sets in S1QL 2.0 spelling, for messages about a 2.0 query. */
const ALLOWED_V2_OPERATORS: Record<FieldType, readonly string[]> = {
  string: ['=', '==', '!=', 'contains', 'matches', 'in', '= *'],
  enum: ['=', '!=', 'in', '= *'],
  number: ['=', '!=', '>', '>=', '<', '<=', 'in', '= *'],
  time: ['=', '!=', '>', '>=', '<', '<=', 'in', '= *'],
  boolean: ['=', '!=', 'in', '= *'],
};

export interface ValidateS1qlOptions {
  /** Which language's operator names to suggest; 1.0 unless told. */
  readonly dialect?: S1qlDialect;
}

const FIELD_KIND: Record<FieldType, string> = {
  string: 'a text field',
  enum: 'which takes one of a fixed set of values',
  number: 'a number field',
  time: 'a time field',
  boolean: 'a true/false field',
};

/**
 * Checks every predicate of a tree, that there are not too many of them and that it binds
 * no more values than SQLite can (trees can be built without the parser); throws
 * S1qlSyntaxError at the first problem.
 */
export function validateS1qlQuery(query: S1qlQuery): void {
  const seen = { predicates: 0 };
  validateExpr(query.root, seen, { dialect: query.dialect });
  assertS1qlParamBudget(query.root);
}

function validateExpr(
  node: S1qlExpr,
  seen: { predicates: number },
  options: ValidateS1qlOptions,
): void {
  if (isS1qlPredicate(node)) {
    seen.predicates += 1;
    if (seen.predicates > MAX_S1QL_PREDICATES) {
      throw new S1qlSyntaxError({
        reason:
          `the query has more than ${MAX_S1QL_PREDICATES} conditions; ` +
          'split it into smaller queries',
        at: node.span,
      });
    }
    validateS1qlPredicate(node, options);
  } else if (node.kind === 'not') {
    validateExpr(node.operand, seen, options);
  } else {
    for (const operand of node.operands) validateExpr(operand, seen, options);
  }
}

/**
 * Checks that the operator suits the field's type and every value reads as that type.
 * Exists, Is Empty and Is Not Empty test presence, so they suit every field.
 */
export function validateS1qlPredicate(
  predicate: S1qlPredicate,
  options: ValidateS1qlOptions = {},
): void {
  const def = catalogueFieldOf(predicate.field);
  const field = { ...predicate.field, def };

  const refuse = (): never => {
    const table = options.dialect === 's1ql-2.0' ? ALLOWED_V2_OPERATORS : ALLOWED_OPERATORS;
    const allowed = table[def.type];
    const last = allowed.at(-1) ?? '';
    const list = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${last}` : last;
    throw new S1qlSyntaxError({
      reason:
        `"${predicate.operator.written}" cannot be used on ${field.name}, ` +
        `${FIELD_KIND[def.type]}; use ${list}`,
      at: predicate.operator.span,
      expected: allowed,
    });
  };
  const ordered = def.type === 'number' || def.type === 'time';
  const check = (value: S1qlValue): void => {
    coerceS1qlValue(field, value);
  };

  switch (predicate.kind) {
    case 'comparison':
      if (predicate.comparator !== '=' && predicate.comparator !== '!=' && !ordered) refuse();
      check(predicate.value);
      return;

    case 'stringMatch': {
      if (def.type !== 'string') refuse();
      if (predicate.mode !== 'regexp') return;
      const compiled = compileS1qlPattern(predicate.value.text, {
        caseInsensitive: predicate.caseInsensitive,
      });
      if (!compiled.ok) {
        throw new S1qlSyntaxError({ reason: compiled.reason, at: predicate.value.span });
      }
      return;
    }

    case 'inList':
      if (predicate.match === 'contains' && def.type !== 'string') refuse();
      if (predicate.values.length === 0) {
        const written = predicate.operator.written;
        throw new S1qlSyntaxError({
          reason: `the list after "${written}" is empty; give at least one value`,
          at: predicate.operator.span,
        });
      }
      for (const value of predicate.values) check(value);
      return;

    case 'between':
      if (!ordered) refuse();
      check(predicate.low);
      check(predicate.high);
      return;

    case 'isBoolean':
      if (def.type !== 'boolean') refuse();
      return;

    case 'exists':
    case 'isEmpty':
      return;
  }
}
