import type { S1qlMatchMode } from '../ast.ts';

/** What a predicate operator means once recognised; the parser builds the node from it. */
export type OperatorMeaning =
  | {
      readonly kind: 'stringMatch';
      readonly mode: S1qlMatchMode;
      readonly caseInsensitive: boolean;
      readonly negated: boolean;
    }
  | {
      readonly kind: 'inList';
      readonly match: 'exact' | 'contains';
      readonly caseInsensitive: boolean;
      readonly negated: boolean;
    }
  | { readonly kind: 'exists' }
  | { readonly kind: 'isEmpty'; readonly negated: boolean }
  | { readonly kind: 'isBoolean'; readonly value: boolean }
  | { readonly kind: 'between' };

export interface OperatorPhrase {
  /** Canonical spelling, one entry per word; matched case-insensitively. */
  readonly words: readonly string[];
  readonly meaning: OperatorMeaning;
}

function match(mode: S1qlMatchMode, caseInsensitive: boolean, negated = false): OperatorMeaning {
  return { kind: 'stringMatch', mode, caseInsensitive, negated };
}

function list(
  matchKind: 'exact' | 'contains',
  caseInsensitive: boolean,
  negated: boolean,
): OperatorMeaning {
  return { kind: 'inList', match: matchKind, caseInsensitive, negated };
}

/** Every word-spelled S1QL 1.0 operator; `=`, `!=`, `<`... are comparator tokens instead. */
export const OPERATOR_PHRASES: readonly OperatorPhrase[] = [
  { words: ['Contains'], meaning: match('contains', false) },
  { words: ['ContainsCIS'], meaning: match('contains', true) },
  { words: ['Contains', 'Anycase'], meaning: match('contains', true) },
  { words: ['Does', 'Not', 'Contain'], meaning: match('contains', false, true) },
  { words: ['Does', 'Not', 'ContainCIS'], meaning: match('contains', true, true) },
  { words: ['Does', 'Not', 'Contain', 'Anycase'], meaning: match('contains', true, true) },
  { words: ['StartsWith'], meaning: match('startsWith', false) },
  { words: ['StartsWithCIS'], meaning: match('startsWith', true) },
  { words: ['StartsWith', 'Anycase'], meaning: match('startsWith', true) },
  { words: ['EndsWith'], meaning: match('endsWith', false) },
  { words: ['EndsWithCIS'], meaning: match('endsWith', true) },
  { words: ['EndsWith', 'Anycase'], meaning: match('endsWith', true) },
  { words: ['RegExp'], meaning: match('regexp', false) },
  { words: ['RegExpCIS'], meaning: match('regexp', true) },
  { words: ['In'], meaning: list('exact', false, false) },
  { words: ['In', 'Anycase'], meaning: list('exact', true, false) },
  { words: ['In', 'Contains'], meaning: list('contains', false, false) },
  { words: ['In', 'Contains', 'Anycase'], meaning: list('contains', true, false) },
  { words: ['Not', 'In'], meaning: list('exact', false, true) },
  { words: ['Not', 'In', 'Anycase'], meaning: list('exact', true, true) },
  { words: ['Not', 'In', 'Contains'], meaning: list('contains', false, true) },
  { words: ['Not', 'In', 'Contains', 'Anycase'], meaning: list('contains', true, true) },
  { words: ['Exists'], meaning: { kind: 'exists' } },
  { words: ['Is', 'Empty'], meaning: { kind: 'isEmpty', negated: false } },
  { words: ['Is', 'Not', 'Empty'], meaning: { kind: 'isEmpty', negated: true } },
  { words: ['Is', 'True'], meaning: { kind: 'isBoolean', value: true } },
  { words: ['Is', 'False'], meaning: { kind: 'isBoolean', value: false } },
  { words: ['Between'], meaning: { kind: 'between' } },
];

export const LONGEST_PHRASE = Math.max(...OPERATOR_PHRASES.map((phrase) => phrase.words.length));

/** First words of the word operators, as written in the catalogue above. */
export const OPERATOR_FIRST_WORDS: readonly string[] = [
  ...new Set(OPERATOR_PHRASES.map((phrase) => phrase.words[0] ?? '')),
];
