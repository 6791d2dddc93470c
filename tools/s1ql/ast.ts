import type { FieldDef } from './fields.ts';

/**
 * The S1QL syntax tree. Every node is plain JSON (no class instances), so a query can be
 * stored, sent to a model, edited and compiled again. The S1QL 1.0 parser builds it; later
 * front ends (S1QL 2.0, plain-language translation) are meant to build the same shapes.
 */

/** Where a node sits in the query text: offsets are 0-based, `end` is exclusive. */
export interface S1qlSpan {
  readonly start: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
  /** 1-based column of `start`, counted in UTF-16 code units. */
  readonly column: number;
}

export interface S1qlFieldRef {
  /** The name exactly as the query wrote it (`srcprocname`, `ProcessName`). */
  readonly name: string;
  /** The catalogue entry it resolved to; aliases resolve to their field. */
  readonly def: FieldDef;
  readonly span: S1qlSpan;
}

export interface S1qlOperatorRef {
  /** The operator as written, words joined by single spaces (`In Contains Anycase`). */
  readonly written: string;
  readonly span: S1qlSpan;
}

export interface S1qlValue {
  /** The value's text, quotes removed (`\"` decoded to `"`; other backslashes kept). */
  readonly text: string;
  /** False for bare numbers and bare true/false. */
  readonly quoted: boolean;
  readonly span: S1qlSpan;
}

export type S1qlComparator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type S1qlMatchMode = 'contains' | 'startsWith' | 'endsWith' | 'regexp';

interface PredicateBase {
  readonly field: S1qlFieldRef;
  readonly operator: S1qlOperatorRef;
  readonly span: S1qlSpan;
  /** Written inside parentheses; the span then includes them. */
  readonly parenthesized?: boolean;
}

/** `Field = "v"`, `Field != "v"`, `Field > "v"` and the other ordering comparisons. */
export interface S1qlComparison extends PredicateBase {
  readonly kind: 'comparison';
  readonly comparator: S1qlComparator;
  readonly value: S1qlValue;
  /**
   * `=` and `!=` on text ignore case (S1QL 2.0 `=`); absent or false means exact case, as
   * S1QL 1.0 `=` and 2.0 `==` compare. Enum fields ignore case either way.
   */
  readonly caseInsensitive?: boolean;
}

/** `Contains`, `StartsWith`, `EndsWith`, `RegExp`, their CIS/Anycase and negated forms. */
export interface S1qlStringMatch extends PredicateBase {
  readonly kind: 'stringMatch';
  readonly mode: S1qlMatchMode;
  readonly caseInsensitive: boolean;
  /** `Does Not Contain`: the exact complement of the positive form. */
  readonly negated: boolean;
  readonly value: S1qlValue;
}

/** `In (...)`, `In Anycase (...)`, `In Contains [Anycase] (...)` and `Not In ...` forms. */
export interface S1qlInList extends PredicateBase {
  readonly kind: 'inList';
  readonly match: 'exact' | 'contains';
  readonly caseInsensitive: boolean;
  readonly negated: boolean;
  readonly values: readonly S1qlValue[];
}

/** `Field Exists`: the event has the field at all. */
export interface S1qlExists extends PredicateBase {
  readonly kind: 'exists';
}

/** `Field Is Empty` (absent or empty text) and, negated, `Field Is Not Empty`. */
export interface S1qlIsEmpty extends PredicateBase {
  readonly kind: 'isEmpty';
  readonly negated: boolean;
}

/** `Field Between "low" AND "high"`, both ends included. */
export interface S1qlBetween extends PredicateBase {
  readonly kind: 'between';
  readonly low: S1qlValue;
  readonly high: S1qlValue;
}

/** `Field Is True` / `Field Is False`. */
export interface S1qlIsBoolean extends PredicateBase {
  readonly kind: 'isBoolean';
  readonly value: boolean;
}

export type S1qlPredicate =
  | S1qlComparison
  | S1qlStringMatch
  | S1qlInList
  | S1qlExists
  | S1qlIsEmpty
  | S1qlBetween
  | S1qlIsBoolean;

/**
 * A chain of the same connective is one node (`a AND b AND c` has three operands); a
 * parenthesised group stays a node of its own, so the written grouping survives.
 */
export interface S1qlAnd {
  readonly kind: 'and';
  readonly operands: readonly S1qlExpr[];
  readonly span: S1qlSpan;
  readonly parenthesized?: boolean;
  /** Set when one condition on a legacy multi-field name (`CmdLine`) was expanded here. */
  readonly fieldGroup?: string;
}

export interface S1qlOr {
  readonly kind: 'or';
  readonly operands: readonly S1qlExpr[];
  readonly span: S1qlSpan;
  readonly parenthesized?: boolean;
  /** Set when one condition on a legacy multi-field name (`CmdLine`) was expanded here. */
  readonly fieldGroup?: string;
}

export interface S1qlNot {
  readonly kind: 'not';
  readonly operand: S1qlExpr;
  readonly span: S1qlSpan;
  readonly parenthesized?: boolean;
}

export type S1qlExpr = S1qlAnd | S1qlOr | S1qlNot | S1qlPredicate;

/** The language the text was written in; both parse into this same tree. */
export type S1qlDialect = 's1ql-1.0' | 's1ql-2.0';

export interface S1qlQuery {
  readonly dialect: S1qlDialect;
  /** The source text the spans point into. */
  readonly text: string;
  readonly root: S1qlExpr;
}

export function isS1qlPredicate(node: S1qlExpr): node is S1qlPredicate {
  return node.kind !== 'and' && node.kind !== 'or' && node.kind !== 'not';
}
