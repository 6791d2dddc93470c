import { S1QL_FOLD_FUNCTION } from './s1ql-sql-function-names.ts';

/**
 * SQL for a column case-folded as foldS1qlCase folds it. An ASCII value (as many bytes as
 * characters) folds with SQLite's own `lower()`, which gives the same text without a call
 * into JavaScript, so full scans stay close to LIKE's speed; anything else goes through
 * `s1ql_fold`. An index on this exact expression serves folded equality, In and prefixes.
 */
export function foldedColumnSql(column: string): string {
  return (
    `(CASE WHEN octet_length(${column}) = length(${column}) THEN lower(${column}) ` +
    `ELSE ${S1QL_FOLD_FUNCTION}(${column}) END)`
  );
}
