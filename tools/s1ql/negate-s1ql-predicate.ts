import type { S1qlPredicate } from './ast.ts';

/**
 * The predicate that matches exactly the events `NOT predicate` matches, when the language
 * has one: `=` and `!=`, each string and list match and its negated form, Is Empty and Is
 * Not Empty. Undefined for the rest: `NOT Port > "5"` also matches events without a port,
 * which `Port <= "5"` does not.
 */
export function negateS1qlPredicate(predicate: S1qlPredicate): S1qlPredicate | undefined {
  switch (predicate.kind) {
    case 'comparison':
      if (predicate.comparator === '=') return { ...predicate, comparator: '!=' };
      if (predicate.comparator === '!=') return { ...predicate, comparator: '=' };
      return undefined;
    case 'stringMatch':
    case 'inList':
    case 'isEmpty':
      return { ...predicate, negated: !predicate.negated };
    default:
      return undefined;
  }
}
