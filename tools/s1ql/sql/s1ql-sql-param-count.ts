import type { S1qlPredicate } from '../ast.ts';
import { foldS1qlCase } from './fold-s1ql-case.ts';
import { prefixUpperBound } from './prefix-upper-bound.ts';

/**
 * How many `?` parameters compileS1qlToSql binds for one predicate, so the checker can refuse
 * a query the compiler would refuse, without compiling it. The compiler's tests hold the two
 * to the same count.
 */
export function s1qlSqlParamCount(predicate: S1qlPredicate): number {
  switch (predicate.kind) {
    case 'comparison':
      return 1;

    case 'stringMatch': {
      if (predicate.mode === 'regexp') return 2;
      const text = predicate.caseInsensitive
        ? foldS1qlCase(predicate.value.text)
        : predicate.value.text;
      if (text === '') return 0;
      if (predicate.mode === 'contains') return 1;
      if (predicate.mode === 'startsWith') return prefixUpperBound(text) === undefined ? 1 : 2;
      return 2;
    }

    case 'inList':
      return predicate.values.length;

    case 'between':
      return 2;

    case 'exists':
    case 'isEmpty':
    case 'isBoolean':
      return 0;
  }
}
