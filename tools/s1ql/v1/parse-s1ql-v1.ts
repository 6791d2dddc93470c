import { suggestClosest } from '../../../lib/suggest-closest.ts';
import type {
  S1qlComparator,
  S1qlExpr,
  S1qlFieldRef,
  S1qlOperatorRef,
  S1qlPredicate,
  S1qlQuery,
  S1qlSpan,
  S1qlValue,
} from '../ast.ts';
import { FIELD_GROUPS, type FieldGroup, findFieldGroup } from '../field-groups.ts';
import { FIELDS, findField } from '../fields.ts';
import { quotedAlternatives } from '../quoted-alternatives.ts';
import { coverSpans } from '../syntax/cover-spans.ts';
import { failAtToken } from '../syntax/fail-at-token.ts';
import { parseS1qlDialect, type S1qlPredicateParser } from '../syntax/parse-s1ql-dialect.ts';
import type { S1qlConnectives } from '../syntax/parse-s1ql-expression.ts';
import { parseS1qlValue, type S1qlValueWording } from '../syntax/parse-s1ql-value.ts';
import { parseS1qlValueList } from '../syntax/parse-s1ql-value-list.ts';
import type { S1qlTokenCursor } from '../syntax/s1ql-token-cursor.ts';
import { validateS1qlPredicate } from '../validate/validate-s1ql-query.ts';
import { LONGEST_PHRASE, OPERATOR_PHRASES, type OperatorPhrase } from './operator-phrases.ts';
import { describeToken, isKeyword, type S1qlToken } from './token.ts';
import { tokenizeS1ql } from './tokenize-s1ql.ts';

const FIELD_NAMES = FIELDS.flatMap((field) => [field.v1, ...(field.aliases ?? [])]);
const GROUP_NAMES = FIELD_GROUPS.map((group) => group.name);
const COMPARATORS: readonly S1qlComparator[] = ['=', '!=', '>', '>=', '<', '<='];
const OPERATOR_SPELLINGS = [
  ...COMPARATORS,
  ...OPERATOR_PHRASES.map((phrase) => phrase.words.join(' ')),
];
const CONNECTIVES: S1qlConnectives = {
  spelling: { and: 'AND', or: 'OR', not: 'NOT' },
  adjacentMeansAnd: false,
};
const VALUE_WORDING: S1qlValueWording = {
  wanted: 'a value in double quotes',
  expected: ['a value in double quotes'],
};

/**
 * Parses S1QL 1.0 into a checked tree. Precedence is NOT over AND over OR; keywords and field
 * names are case-insensitive. Throws S1qlSyntaxError at the first problem, syntax or type.
 */
export function parseS1qlV1(text: string): S1qlQuery {
  return parseS1qlDialect({
    text,
    dialect: 's1ql-1.0',
    tokenize: tokenizeS1ql,
    connectives: CONNECTIVES,
    createPredicateParser: (cursor) => new V1PredicateParser(cursor),
  });
}

class V1PredicateParser implements S1qlPredicateParser {
  readonly #cursor: S1qlTokenCursor;

  constructor(cursor: S1qlTokenCursor) {
    this.#cursor = cursor;
  }

  parse(token: S1qlToken): S1qlExpr {
    const def = findField(token.raw);
    const group = def === undefined ? findFieldGroup(token.raw) : undefined;
    this.#cursor.countConditions(token, group?.members.length ?? 1);
    if (group !== undefined) {
      this.#cursor.advance();
      return this.#expandGroup(group, token);
    }
    if (def === undefined) {
      // Group names are short (IP, Name), so they are offered only when nearly what was written.
      const wrote = abbreviate(token.raw);
      const near = suggestClosest(wrote, GROUP_NAMES, { limit: 1, maxDistance: 2 });
      const fields = suggestClosest(wrote, FIELD_NAMES, { limit: 3, preferContaining: true });
      const close = [...near, ...fields].slice(0, 3);
      failAtToken(
        `unknown field "${token.raw}"; did you mean ${quotedAlternatives(close)}?`,
        token,
        close,
      );
    }
    this.#cursor.advance();
    const predicate = this.#parseCondition({ name: token.raw, def, span: token.span });
    validateS1qlPredicate(predicate);
    return predicate;
  }

  /** One condition on `CmdLine`, `Hash`... becomes the same condition on each member. */
  #expandGroup(group: FieldGroup, token: S1qlToken): S1qlExpr {
    const [first, ...others] = group.members;
    if (first === undefined) throw new Error(`field group ${group.name} has no members`);
    const written = this.#parseCondition({ name: token.raw, def: first, span: token.span });
    const operands = [first, ...others].map((def) => {
      const predicate = { ...written, field: { ...written.field, def } } as S1qlPredicate;
      validateS1qlPredicate(predicate);
      return predicate;
    });
    const kind = isNegativeCondition(written) ? 'and' : 'or';
    return { kind, operands, span: written.span, fieldGroup: group.name };
  }

  #parseCondition(field: S1qlFieldRef): S1qlPredicate {
    const token = this.#cursor.peek();
    if (token.kind === 'comparator') {
      const comparator = COMPARATORS.find((candidate) => candidate === token.raw);
      if (comparator === undefined) failAtToken(`unknown comparator "${token.raw}"`, token);
      this.#cursor.advance();
      const operator = { written: token.raw, span: token.span };
      const value = this.#parseValue(token.raw);
      const span = coverSpans(field.span, value.span);
      return { kind: 'comparison', field, operator, comparator, value, span };
    }

    const { phrase, operator } = this.#parseOperatorWords(field);
    const { meaning } = phrase;
    const base = { field, operator };

    switch (meaning.kind) {
      case 'stringMatch': {
        const value = this.#parseValue(operator.written);
        return { ...meaning, ...base, value, span: coverSpans(field.span, value.span) };
      }
      case 'inList': {
        const { values, close } = this.#parseList(operator.written);
        return { ...meaning, ...base, values, span: coverSpans(field.span, close) };
      }
      case 'between': {
        const low = this.#parseValue(operator.written);
        const and = this.#cursor.peek();
        if (!isKeyword(and, 'and')) {
          failAtToken(
            `expected AND between the two values of "${operator.written}", ` +
              `found ${describeToken(and)}`,
            and,
            ['AND'],
          );
        }
        this.#cursor.advance();
        const high = this.#parseValue(and.raw);
        return { kind: 'between', ...base, low, high, span: coverSpans(field.span, high.span) };
      }
      case 'exists':
      case 'isEmpty':
      case 'isBoolean':
        return { ...meaning, ...base, span: coverSpans(field.span, operator.span) };
    }
  }

  /** Reads the longest operator phrase at the cursor, or explains what was expected. */
  #parseOperatorWords(field: S1qlFieldRef): { phrase: OperatorPhrase; operator: S1qlOperatorRef } {
    const words: S1qlToken[] = [];
    for (let i = 0; i < LONGEST_PHRASE; i += 1) {
      const token = this.#cursor.ahead(i);
      if (token?.kind !== 'word') break;
      words.push(token);
    }

    const first = words[0];
    if (first === undefined) {
      const found = this.#cursor.peek();
      failAtToken(
        `expected an operator after "${field.name}" (such as =, Contains, In or Exists), ` +
          `found ${describeToken(found)}`,
        found,
        OPERATOR_SPELLINGS,
      );
    }

    const matched = (phrase: OperatorPhrase): number => {
      let count = 0;
      while (
        count < phrase.words.length &&
        count < words.length &&
        phrase.words[count]?.toLowerCase() === words[count]?.raw.toLowerCase()
      ) {
        count += 1;
      }
      return count;
    };

    let best: OperatorPhrase | undefined;
    for (const phrase of OPERATOR_PHRASES) {
      const complete = matched(phrase) === phrase.words.length;
      if (complete && phrase.words.length > (best?.words.length ?? 0)) best = phrase;
    }

    if (best === undefined) this.#failOperator(field, words, matched);

    const used = words.slice(0, best.words.length);
    this.#cursor.skip(used.length);
    const last = used.at(-1) ?? first;
    const written = used.map((word) => word.raw).join(' ');
    return { phrase: best, operator: { written, span: coverSpans(first.span, last.span) } };
  }

  #failOperator(
    field: S1qlFieldRef,
    words: readonly S1qlToken[],
    matched: (phrase: OperatorPhrase) => number,
  ): never {
    let known = 0;
    const next = new Set<string>();
    for (const phrase of OPERATOR_PHRASES) {
      const count = matched(phrase);
      const word = phrase.words[count];
      if (count === 0 || word === undefined || count < known) continue;
      if (count > known) next.clear();
      known = count;
      next.add(word);
    }

    const first = words[0];
    if (known === 0 || first === undefined) {
      const wrote = first?.raw ?? '';
      const close = suggestClosest(wrote, OPERATOR_SPELLINGS, {
        limit: 1,
        maxDistance: Math.max(2, Math.floor(wrote.length / 3)),
      });
      const hint =
        close.length > 0
          ? `did you mean ${quotedAlternatives(close)}?`
          : 'expected an operator such as =, Contains, In or Exists';
      const at = first ?? this.#cursor.peek();
      failAtToken(
        `unknown operator "${wrote}" after "${field.name}"; ${hint}`,
        at,
        OPERATOR_SPELLINGS,
      );
    }

    const found = this.#cursor.ahead(known) ?? this.#cursor.peek();
    const after = words
      .slice(0, known)
      .map((word) => word.raw)
      .join(' ');
    const options = [...next];
    const hint =
      first.raw.toLowerCase() === 'not' ? '; to exclude a substring write Does Not Contain' : '';
    const wanted = quotedAlternatives(options);
    failAtToken(
      `expected ${wanted} after "${after}", found ${describeToken(found)}${hint}`,
      found,
      options,
    );
  }

  #parseValue(after: string): S1qlValue {
    return parseS1qlValue(this.#cursor, after, VALUE_WORDING);
  }

  #parseList(after: string): { values: S1qlValue[]; close: S1qlSpan } {
    return parseS1qlValueList(this.#cursor, after, VALUE_WORDING);
  }
}

const ABBREVIATIONS: readonly [RegExp, string][] = [
  [/command/gi, 'Cmd'],
  [/process/gi, 'Proc'],
  [/source/gi, 'Src'],
  [/target/gi, 'Tgt'],
  [/destination/gi, 'Dst'],
  [/address/gi, ''],
];

/** A name in the catalogue's abbreviations, so `TargetProcessName` finds `TgtProcName`. */
function abbreviate(name: string): string {
  return ABBREVIATIONS.reduce((text, [long, short]) => text.replace(long, short), name);
}

/** The forms that hold when a value is absent: on a group they must hold on every member. */
function isNegativeCondition(predicate: S1qlPredicate): boolean {
  switch (predicate.kind) {
    case 'comparison':
      return predicate.comparator === '!=';
    case 'stringMatch':
    case 'inList':
      return predicate.negated;
    case 'isEmpty':
      return !predicate.negated;
    default:
      return false;
  }
}
