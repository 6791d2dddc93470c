import { findField } from '../../tools/s1ql/fields.ts';
import type {
  S1qlExpr,
  S1qlFieldRef,
  S1qlInList,
  S1qlNot,
  S1qlPredicate,
  S1qlSpan,
  S1qlStringMatch,
  S1qlValue,
} from '../../tools/s1ql/index.ts';

/**
 * Builders for S1QL trees made by the translator rather than parsed from text. Nodes carry
 * a placeholder span; the query is formatted and parsed again before it is used, so every
 * stored query has real positions.
 */
const NOWHERE: S1qlSpan = { start: 0, end: 0, line: 1, column: 1 };

function field(name: string): S1qlFieldRef {
  const def = findField(name);
  if (def === undefined) throw new Error(`the field catalogue has no ${name}`);
  return { name: def.v1, def, span: NOWHERE };
}

function value(text: string): S1qlValue {
  return { text, quoted: true, span: NOWHERE };
}

function operator(written: string) {
  return { written, span: NOWHERE };
}

/** `Field = "value"` (enum fields compare case-insensitively in the engine). */
export function equals(name: string, text: string): S1qlPredicate {
  return {
    kind: 'comparison',
    comparator: '=',
    field: field(name),
    operator: operator('='),
    value: value(text),
    span: NOWHERE,
  };
}

/** `Field In Anycase (...)`, or `In (...)` on enum fields, which are case-insensitive anyway. */
export function inAnycase(name: string, texts: readonly string[]): S1qlInList {
  const ref = field(name);
  const enumField = ref.def.type !== 'string';
  return {
    kind: 'inList',
    match: 'exact',
    caseInsensitive: !enumField,
    negated: false,
    field: ref,
    operator: operator(enumField ? 'In' : 'In Anycase'),
    values: dedupe(texts).map(value),
    span: NOWHERE,
  };
}

/** `Field In (...)`: exact and case-sensitive, for values with one spelling (hashes). */
export function inExactly(name: string, texts: readonly string[]): S1qlInList {
  return {
    kind: 'inList',
    match: 'exact',
    caseInsensitive: false,
    negated: false,
    field: field(name),
    operator: operator('In'),
    values: dedupe(texts).map(value),
    span: NOWHERE,
  };
}

/** `Field ContainsCIS "x"`, or `In Contains Anycase (...)` for several fragments. */
export function containsAnycase(name: string, texts: readonly string[]): S1qlPredicate {
  const unique = dedupe(texts);
  if (unique.length === 1) return stringMatch(name, 'contains', unique[0] ?? '');
  return {
    kind: 'inList',
    match: 'contains',
    caseInsensitive: true,
    negated: false,
    field: field(name),
    operator: operator('In Contains Anycase'),
    values: unique.map(value),
    span: NOWHERE,
  };
}

const MATCH_WORDS = {
  contains: 'ContainsCIS',
  startsWith: 'StartsWithCIS',
  endsWith: 'EndsWithCIS',
  regexp: 'RegExpCIS',
} as const;

/** A case-insensitive string match of one value. */
export function stringMatch(
  name: string,
  mode: S1qlStringMatch['mode'],
  text: string,
): S1qlStringMatch {
  return {
    kind: 'stringMatch',
    mode,
    caseInsensitive: true,
    negated: false,
    field: field(name),
    operator: operator(MATCH_WORDS[mode]),
    value: value(text),
    span: NOWHERE,
  };
}

/** `Field Is True` / `Field Is False`. */
export function isBoolean(name: string, truth: boolean): S1qlPredicate {
  return {
    kind: 'isBoolean',
    value: truth,
    field: field(name),
    operator: operator(truth ? 'Is True' : 'Is False'),
    span: NOWHERE,
  };
}

/** AND of the operands; one operand stands alone. */
export function allOf(operands: readonly S1qlExpr[]): S1qlExpr {
  const flat = operands.flatMap((operand) =>
    operand.kind === 'and' && operand.parenthesized !== true ? operand.operands : [operand],
  );
  if (flat.length === 1 && flat[0] !== undefined) return flat[0];
  return { kind: 'and', operands: flat, span: NOWHERE };
}

/** OR of the operands, parenthesised so it survives being put inside an AND. */
export function anyOf(operands: readonly S1qlExpr[]): S1qlExpr {
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  return { kind: 'or', operands, span: NOWHERE, parenthesized: true };
}

export function not(operand: S1qlExpr): S1qlNot {
  const grouped = operand.kind === 'and' || operand.kind === 'or';
  return {
    kind: 'not',
    operand: grouped ? { ...operand, parenthesized: true } : operand,
    span: NOWHERE,
  };
}

function dedupe(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const text of texts) {
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  return kept;
}
