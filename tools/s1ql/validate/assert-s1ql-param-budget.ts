import { isS1qlPredicate, type S1qlExpr, type S1qlPredicate } from '../ast.ts';
import { MAX_S1QL_SQL_PARAMS } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { s1qlSqlParamCount } from '../sql/s1ql-sql-param-count.ts';

/**
 * Refuses a tree whose compiled SQL would bind more than MAX_S1QL_SQL_PARAMS values, so a
 * query the checker passes is one the engine can run. Iterative, so no tree is too deep.
 */
export function assertS1qlParamBudget(root: S1qlExpr): void {
  let used = 0;
  const pending: S1qlExpr[] = [root];

  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (isS1qlPredicate(node)) {
      const count = s1qlSqlParamCount(node);
      if (used + count > MAX_S1QL_SQL_PARAMS) throw tooManyS1qlValues(node, used);
      used += count;
    } else if (node.kind === 'not') {
      pending.push(node.operand);
    } else {
      for (let index = node.operands.length - 1; index >= 0; index -= 1) {
        const operand = node.operands[index];
        if (operand !== undefined) pending.push(operand);
      }
    }
  }
}

/**
 * The error for a predicate that takes the query past the limit, with `used` values bound
 * before it: at the first list value beyond the limit, or at the predicate itself.
 */
export function tooManyS1qlValues(node: S1qlPredicate, used: number): S1qlSyntaxError {
  const beyond = node.kind === 'inList' ? node.values[MAX_S1QL_SQL_PARAMS - used] : undefined;
  return new S1qlSyntaxError({
    reason:
      `the query has more than ${MAX_S1QL_SQL_PARAMS} values, the most one query can ` +
      'bind; split it into smaller queries',
    at: beyond?.span ?? node.span,
  });
}
