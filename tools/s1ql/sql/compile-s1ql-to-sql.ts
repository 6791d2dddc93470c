import {
  isS1qlPredicate,
  type S1qlExpr,
  type S1qlFieldRef,
  type S1qlInList,
  type S1qlPredicate,
  type S1qlQuery,
  type S1qlStringMatch,
  type S1qlValue,
} from '../ast.ts';
import type { FieldDef } from '../fields.ts';
import { MAX_S1QL_SQL_PARAMS } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { tooManyS1qlValues } from '../validate/assert-s1ql-param-budget.ts';
import { catalogueFieldOf } from '../validate/catalogue-field-of.ts';
import { coerceS1qlValue } from '../validate/coerce-s1ql-value.ts';
import { compileS1qlPattern } from '../validate/compile-s1ql-pattern.ts';
import { validateS1qlQuery } from '../validate/validate-s1ql-query.ts';
import { foldS1qlCase } from './fold-s1ql-case.ts';
import { foldedColumnSql } from './folded-column-sql.ts';
import { prefixUpperBound } from './prefix-upper-bound.ts';
import { S1qlCompileError } from './s1ql-compile-error.ts';
import { S1QL_REGEXP_FUNCTION } from './s1ql-sql-function-names.ts';

export type S1qlSqlParam = string | number;

export interface S1qlSql {
  /** A WHERE-clause fragment over the event table; never NULL, always 0 or 1. */
  readonly sql: string;
  readonly params: S1qlSqlParam[];
}

export interface CompileS1qlToSqlOptions {
  /** Column for a field, e.g. to qualify it with a table alias (`e.tgt_file_path`). */
  readonly columnFor?: (field: FieldDef) => string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Compiles a checked S1QL tree to parameterised SQLite.
 *
 * Null rule: every predicate yields 0 or 1, never NULL, so NOT is an exact complement. An
 * event without the field fails every positive test except Is Empty, and therefore passes
 * every negated one: `Field != "x"`, `Field Does Not Contain "x"` and `Field Not In (...)` all
 * match events that lack the field, exactly as `NOT Field = "x"` does.
 *
 * Case rule: on text fields `=`, `In`, Contains, StartsWith, EndsWith and RegExp are
 * case-sensitive; the CIS/Anycase forms (and 2.0's `=`, marked `caseInsensitive`) compare the
 * column folded by foldedColumnSql with the value folded by foldS1qlCase, so they ignore case
 * for all of Unicode, with the same classes RegExpCIS uses; an index on foldedColumnSql of a
 * column serves folded equality, In and StartsWithCIS on it.
 * Enum fields always compare with COLLATE NOCASE (their values are the catalogue's, all
 * ASCII), so an index on `col COLLATE NOCASE` serves them.
 */
export function compileS1qlToSql(query: S1qlQuery, options: CompileS1qlToSqlOptions = {}): S1qlSql {
  validateS1qlQuery(query);
  return compileValidatedS1qlToSql(query, options);
}

/**
 * compileS1qlToSql without validating first, for a tree parseS1ql has just returned: the
 * parser already checked every predicate, the condition count and the value budget. Not
 * exported from the package; a tree built by hand goes through compileS1qlToSql.
 */
export function compileValidatedS1qlToSql(
  query: S1qlQuery,
  options: CompileS1qlToSqlOptions = {},
): S1qlSql {
  const params: S1qlSqlParam[] = [];
  const compiler = new SqlCompiler(params, options.columnFor);
  const sql = compiler.expr(query.root);
  return { sql, params };
}

class SqlCompiler {
  readonly #params: S1qlSqlParam[];
  readonly #columnFor: ((field: FieldDef) => string) | undefined;

  constructor(params: S1qlSqlParam[], columnFor: ((field: FieldDef) => string) | undefined) {
    this.#params = params;
    this.#columnFor = columnFor;
  }

  expr(node: S1qlExpr): string {
    if (isS1qlPredicate(node)) return this.#predicate(node);
    if (node.kind === 'not') return `NOT (${this.expr(node.operand)})`;

    const terms = node.operands.map((operand) => this.expr(operand));
    return joinBalanced(terms, node.kind === 'and' ? 'AND' : 'OR');
  }

  #predicate(node: S1qlPredicate): string {
    const def = catalogueFieldOf(node.field);
    const field = { ...node.field, def };
    const column = this.#column(def);
    const bind = (...values: S1qlSqlParam[]): void => this.#bind(node, values);
    const typed = (value: S1qlValue): S1qlSqlParam => toParam(coerceS1qlValue(field, value));
    const nocase = def.type === 'enum' ? ' COLLATE NOCASE' : '';

    switch (node.kind) {
      case 'comparison': {
        const folds = def.type === 'string' && node.caseInsensitive === true;
        bind(folds ? foldS1qlCase(node.value.text) : typed(node.value));
        const subject = folds ? foldedColumnSql(column) : column;
        if (node.comparator === '=') return `${subject} IS ?${nocase}`;
        if (node.comparator === '!=') return `${subject} IS NOT ?${nocase}`;
        return `(${column} IS NOT NULL AND ${column} ${node.comparator} ?)`;
      }

      case 'stringMatch':
        return negate(node.negated, this.#stringMatch(node, column));

      case 'inList':
        return negate(node.negated, this.#inList(node, column, field));

      case 'between':
        bind(typed(node.low), typed(node.high));
        return `(${column} IS NOT NULL AND ${column} BETWEEN ? AND ?)`;

      case 'exists':
        return `${column} IS NOT NULL`;

      case 'isEmpty':
        return negate(node.negated, `(${column} IS NULL OR ${column} = '')`);

      case 'isBoolean':
        return `${column} IS ${node.value ? 1 : 0}`;
    }
  }

  #stringMatch(node: S1qlStringMatch, column: string): string {
    const present = `${column} IS NOT NULL`;
    const bind = (...values: S1qlSqlParam[]): void => this.#bind(node, values);

    if (node.mode === 'regexp') {
      const { caseInsensitive } = node;
      const compiled = compileS1qlPattern(node.value.text, { caseInsensitive });
      if (!compiled.ok) throw new S1qlSyntaxError({ reason: compiled.reason, at: node.value.span });
      bind(compiled.pattern.source, compiled.pattern.flags);
      return `${S1QL_REGEXP_FUNCTION}(${column}, ?, ?)`;
    }

    // Folding keeps every character one character, so the same tests serve both cases.
    const folds = node.caseInsensitive;
    const subject = folds ? foldedColumnSql(column) : column;
    const text = folds ? foldS1qlCase(node.value.text) : node.value.text;
    if (text === '') return present;

    switch (node.mode) {
      case 'contains':
        bind(text);
        return `(${present} AND instr(${subject}, ?) > 0)`;

      case 'startsWith': {
        const upper = prefixUpperBound(text);
        if (upper === undefined) {
          bind(text);
          return `(${present} AND ${subject} >= ?)`;
        }
        bind(text, upper);
        return `(${present} AND ${subject} >= ? AND ${subject} < ?)`;
      }

      case 'endsWith':
        bind(-[...text].length, text);
        return `(${present} AND substr(${subject}, ?) = ?)`;
    }
  }

  #inList(node: S1qlInList, column: string, field: S1qlFieldRef): string {
    const present = `${column} IS NOT NULL`;
    const values = node.values.map((value) => coerceS1qlValue(field, value));

    const enumeration = field.def.type === 'enum';
    const folds = node.caseInsensitive && !enumeration;
    const subject = folds ? foldedColumnSql(column) : column;
    const bound = values.map((value) => (folds ? foldS1qlCase(String(value)) : toParam(value)));
    this.#bind(node, bound);

    if (node.match === 'exact') {
      const slots = values.map(() => '?').join(', ');
      const nocase = enumeration ? ' COLLATE NOCASE' : '';
      return `(${present} AND ${subject}${nocase} IN (${slots}))`;
    }

    const terms = values.map(() => `instr(${subject}, ?) > 0`);
    return `(${present} AND ${joinBalanced(terms, 'OR')})`;
  }

  #column(def: FieldDef): string {
    const name = this.#columnFor?.(def) ?? def.column;
    if (!IDENTIFIER.test(name)) {
      throw new S1qlCompileError(
        `columnFor returned "${name}" for ${def.v1}; expected a column name, optionally ` +
          'qualified by a table name',
      );
    }
    return name
      .split('.')
      .map((part) => `"${part}"`)
      .join('.');
  }

  #bind(node: S1qlPredicate, values: readonly S1qlSqlParam[]): void {
    // Validation has already refused this; kept so no edit can make SQLite refuse it.
    if (this.#params.length + values.length > MAX_S1QL_SQL_PARAMS) {
      throw tooManyS1qlValues(node, this.#params.length);
    }
    this.#params.push(...values);
  }
}

function toParam(value: string | number | boolean): S1qlSqlParam {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function negate(negated: boolean, sql: string): string {
  return negated ? `NOT (${sql})` : sql;
}

/**
 * Joins terms as a balanced tree of parenthesised pairs, for AND and OR chains alike. SQLite
 * limits expression depth to 1000 and a flat `a OR b OR c ...` is parsed as a left-deep
 * chain, so a long chain or `In Contains` list would hit the limit; a balanced tree is only
 * log2(n) deep.
 */
function joinBalanced(terms: readonly string[], connective: 'AND' | 'OR'): string {
  if (terms.length === 0) return connective === 'AND' ? '1' : '0';
  if (terms.length === 1) return terms[0] ?? '';

  const middle = Math.ceil(terms.length / 2);
  const left = joinBalanced(terms.slice(0, middle), connective);
  const right = joinBalanced(terms.slice(middle), connective);
  return `(${left} ${connective} ${right})`;
}
