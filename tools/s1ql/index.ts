/**
 * The S1QL engine: parse Deep Visibility queries written in S1QL 1.0 or 2.0 into one
 * checked tree; format, explain, lint and translate it; compile it to parameterised SQLite
 * over the simulator's event table.
 *
 * @module
 */
export type {
  S1qlAnd,
  S1qlBetween,
  S1qlComparator,
  S1qlComparison,
  S1qlDialect,
  S1qlExists,
  S1qlExpr,
  S1qlFieldRef,
  S1qlInList,
  S1qlIsBoolean,
  S1qlIsEmpty,
  S1qlMatchMode,
  S1qlNot,
  S1qlOperatorRef,
  S1qlOr,
  S1qlPredicate,
  S1qlQuery,
  S1qlSpan,
  S1qlStringMatch,
  S1qlValue,
} from './ast.ts';
export { isS1qlPredicate } from './ast.ts';
export { checkS1ql, type S1qlCheck } from './check-s1ql.ts';
export { type CompileS1qlOptions, type CompileS1qlResult, compileS1ql } from './compile-s1ql.ts';
export { explainS1ql } from './explain/explain-s1ql.ts';
export { fieldLabel } from './explain/field-label.ts';
export { FIELD_GROUPS, type FieldGroup, findFieldGroup } from './field-groups.ts';
export { FIELDS, type FieldDef, type FieldType, fieldByV2, findField } from './fields.ts';
export { type FormatS1qlOptions, formatS1ql } from './format/format-s1ql.ts';
export { S1qlFormatError } from './format/s1ql-format-error.ts';
export { lintS1ql, type S1qlLintCode, type S1qlLintWarning } from './lint/lint-s1ql.ts';
export { measureS1qlCheck, type S1qlCheckTiming } from './measure-s1ql-check.ts';
export { negateS1qlPredicate } from './negate-s1ql-predicate.ts';
export {
  type ParseS1qlOptions,
  parseS1ql,
  type S1qlInputDialect,
  type S1qlParseResult,
} from './parse-s1ql.ts';
export {
  MAX_S1QL_NESTING,
  MAX_S1QL_PATTERN_LENGTH,
  MAX_S1QL_PATTERN_PROGRAM_SIZE,
  MAX_S1QL_PREDICATES,
  MAX_S1QL_QUERY_LENGTH,
  MAX_S1QL_SQL_PARAMS,
} from './s1ql-limits.ts';
export { type S1qlErrorData, type S1qlProblem, S1qlSyntaxError } from './s1ql-syntax-error.ts';
export {
  type CompileS1qlToSqlOptions,
  compileS1qlToSql,
  type S1qlSql,
  type S1qlSqlParam,
} from './sql/compile-s1ql-to-sql.ts';
export { foldS1qlCase } from './sql/fold-s1ql-case.ts';
export { foldedColumnSql } from './sql/folded-column-sql.ts';
export { registerS1qlSqlFunctions } from './sql/register-s1ql-sql-functions.ts';
export { S1qlCompileError } from './sql/s1ql-compile-error.ts';
export { S1QL_FOLD_FUNCTION, S1QL_REGEXP_FUNCTION } from './sql/s1ql-sql-function-names.ts';
export { type S1qlTranslation, translateS1ql } from './translate/translate-s1ql.ts';
export { coerceS1qlValue, type S1qlTypedValue } from './validate/coerce-s1ql-value.ts';
export { parseS1qlTime } from './validate/parse-s1ql-time.ts';
export { validateS1qlPredicate, validateS1qlQuery } from './validate/validate-s1ql-query.ts';
