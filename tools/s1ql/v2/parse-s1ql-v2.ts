import { suggestClosest } from '../../../lib/suggest-closest.ts';
import type {
  S1qlComparator,
  S1qlFieldRef,
  S1qlOperatorRef,
  S1qlPredicate,
  S1qlQuery,
  S1qlSpan,
  S1qlValue,
} from '../ast.ts';
import { FIELDS, findField } from '../fields.ts';
import { re2LiteralOf } from '../format/re2-literal.ts';
import { quotedAlternatives } from '../quoted-alternatives.ts';
import { coverSpans } from '../syntax/cover-spans.ts';
import { failAtToken } from '../syntax/fail-at-token.ts';
import { parseS1qlDialect, type S1qlPredicateParser } from '../syntax/parse-s1ql-dialect.ts';
import type { S1qlConnectives } from '../syntax/parse-s1ql-expression.ts';
import { parseS1qlValue, type S1qlValueWording } from '../syntax/parse-s1ql-value.ts';
import { parseS1qlValueList } from '../syntax/parse-s1ql-value-list.ts';
import type { S1qlTokenCursor } from '../syntax/s1ql-token-cursor.ts';
import { describeToken, type S1qlToken } from '../v1/token.ts';
import { compileS1qlPattern } from '../validate/compile-s1ql-pattern.ts';
import { validateS1qlPredicate } from '../validate/validate-s1ql-query.ts';
import { tokenizeS1qlV2 } from './tokenize-s1ql-v2.ts';

const V2_NAMES = FIELDS.map((field) => field.v2);
const COMPARATORS: readonly string[] = ['=', '==', '!=', '>', '>=', '<', '<='];
const ALL_OPERATORS = [
  ...COMPARATORS,
  'contains',
  'contains:anycase',
  'contains:matchcase',
  'matches',
  'in',
  'in:anycase',
  'in:matchcase',
];
const CASE_SENSITIVE_GROUP = /^\(\?-i:([\s\S]*)\)$/;
const CONNECTIVES: S1qlConnectives = {
  spelling: { and: 'and', or: 'or', not: 'not' },
  adjacentMeansAnd: true,
};
const VALUE_WORDING: S1qlValueWording = {
  wanted: 'a value',
  expected: ['a quoted value', 'a number', 'true', 'false'],
};

/**
 * Parses the S1QL 2.0 filter language (Event Search, STAR v2, the first stage of a
 * PowerQuery) into the same tree S1QL 1.0 gives. Precedence is NOT over AND over OR, and
 * conditions written side by side are joined by AND. In 2.0 `=`, `contains` and `matches`
 * ignore case and `==`, `contains:matchcase` and `in` do not.
 */
export function parseS1qlV2(text: string): S1qlQuery {
  return parseS1qlDialect({
    text,
    dialect: 's1ql-2.0',
    tokenize: tokenizeS1qlV2,
    connectives: CONNECTIVES,
    createPredicateParser: (cursor) => new V2PredicateParser(cursor),
  });
}

class V2PredicateParser implements S1qlPredicateParser {
  readonly #cursor: S1qlTokenCursor;

  constructor(cursor: S1qlTokenCursor) {
    this.#cursor = cursor;
  }

  parse(token: S1qlToken): S1qlPredicate {
    this.#cursor.countConditions(token, 1);

    const def = findField(token.raw);
    if (def === undefined || def.v2.toLowerCase() !== token.raw.toLowerCase()) {
      if (def !== undefined) {
        failAtToken(`S1QL 2.0 names fields with dots: write ${def.v2} for "${token.raw}"`, token, [
          def.v2,
        ]);
      }
      const close = suggestClosest(token.raw, V2_NAMES, { limit: 3, preferContaining: true });
      failAtToken(
        `unknown field "${token.raw}"; did you mean ${quotedAlternatives(close)}?`,
        token,
        close,
      );
    }
    this.#cursor.advance();

    const predicate = this.#parseCondition({ name: token.raw, def, span: token.span });
    validateS1qlPredicate(predicate, { dialect: 's1ql-2.0' });
    return predicate;
  }

  #parseCondition(field: S1qlFieldRef): S1qlPredicate {
    const token = this.#cursor.peek();
    const operator: S1qlOperatorRef = { written: token.raw, span: token.span };
    const lower = token.raw.toLowerCase();

    if (token.kind === 'comparator') {
      this.#cursor.advance();
      if (this.#cursor.peek().kind === 'star') {
        const star = this.#cursor.peek();
        if (token.raw !== '=') {
          failAtToken(
            `"${token.raw} *" is not S1QL 2.0; write !(${field.name} = *) for a missing field`,
            star,
          );
        }
        this.#cursor.advance();
        const span = coverSpans(field.span, star.span);
        return {
          kind: 'exists',
          field,
          operator: { written: '= *', span: coverSpans(token.span, star.span) },
          span,
        };
      }
      const value = this.#parseValue(token.raw);
      const comparator = (token.raw === '==' ? '=' : token.raw) as S1qlComparator;
      const span = coverSpans(field.span, value.span);
      const folds = (token.raw === '=' || token.raw === '!=') && field.def.type === 'string';
      return {
        kind: 'comparison',
        field,
        operator,
        comparator,
        value,
        span,
        ...(folds ? { caseInsensitive: true } : {}),
      };
    }

    if (token.kind === 'word' && (lower === 'contains' || lower.startsWith('contains:'))) {
      this.#cursor.advance();
      const caseInsensitive = this.#caseOf(token, 'contains', true);
      if (this.#cursor.peek().kind === 'lparen') {
        return this.#parseInList({ field, operator, match: 'contains', caseInsensitive });
      }
      const value = this.#parseString(token.raw);
      const span = coverSpans(field.span, value.span);
      return {
        kind: 'stringMatch',
        field,
        operator,
        mode: 'contains',
        caseInsensitive,
        negated: false,
        value,
        span,
      };
    }

    if (token.kind === 'word' && lower === 'matches') {
      this.#cursor.advance();
      const written = this.#parseString(token.raw);
      const pattern = readPattern(written);
      return {
        ...pattern,
        field,
        operator,
        negated: false,
        span: coverSpans(field.span, written.span),
      };
    }

    if (token.kind === 'word' && (lower === 'in' || lower.startsWith('in:'))) {
      this.#cursor.advance();
      const caseInsensitive = this.#caseOf(token, 'in', false);
      return this.#parseInList({ field, operator, match: 'exact', caseInsensitive });
    }

    const close =
      token.kind === 'word'
        ? suggestClosest(token.raw, ALL_OPERATORS, { limit: 1, maxDistance: 2 })
        : [];
    const hint = close.length > 0 ? `; did you mean ${quotedAlternatives(close)}?` : '';
    failAtToken(
      `expected an operator after "${field.name}" (such as =, contains, matches or in), ` +
        `found ${describeToken(token)}${hint}`,
      token,
      ALL_OPERATORS,
    );
  }

  /** The list after `contains` (any item as a substring) or `in` (any item exactly). */
  #parseInList(input: {
    field: S1qlFieldRef;
    operator: S1qlOperatorRef;
    match: 'contains' | 'exact';
    caseInsensitive: boolean;
  }): S1qlPredicate {
    const { field, operator } = input;
    const { values, close } = this.#parseList(operator.written);
    return {
      kind: 'inList',
      ...input,
      negated: false,
      values,
      span: coverSpans(field.span, close),
    };
  }

  /** `contains` and `in` take `:anycase` or `:matchcase`; bare, each has its own default. */
  #caseOf(token: S1qlToken, base: string, byDefault: boolean): boolean {
    const modifier = token.raw.slice(base.length + 1).toLowerCase();
    if (token.raw.length === base.length) return byDefault;
    if (modifier === 'anycase') return true;
    if (modifier === 'matchcase') return false;
    return failAtToken(
      `unknown modifier "${token.raw.slice(base.length)}" on "${base}"; use ${base}:anycase or ` +
        `${base}:matchcase`,
      token,
      [`${base}:anycase`, `${base}:matchcase`],
    );
  }

  #parseString(after: string): S1qlValue {
    const token = this.#cursor.peek();
    if (token.kind !== 'string') {
      failAtToken(
        `expected a quoted string after "${after}", found ${describeToken(token)}`,
        token,
        ['a quoted string'],
      );
    }
    this.#cursor.advance();
    return { text: token.value, quoted: true, span: token.span };
  }

  #parseValue(after: string): S1qlValue {
    return parseS1qlValue(this.#cursor, after, VALUE_WORDING);
  }

  #parseList(after: string): { values: S1qlValue[]; close: S1qlSpan } {
    return parseS1qlValueList(this.#cursor, after, VALUE_WORDING);
  }
}

/**
 * A `matches` pattern as the most specific node that means the same: an anchored literal
 * (`'^c:\\\\windows'`) is a prefix or suffix match, and `(?-i:...)` around the whole pattern
 * turns 2.0's case folding off, which is how the formatter writes case-sensitive matches.
 */
function readPattern(
  value: S1qlValue,
): Pick<
  Extract<S1qlPredicate, { kind: 'stringMatch' }>,
  'kind' | 'mode' | 'caseInsensitive' | 'value'
> {
  let source = value.text;
  let caseInsensitive = true;
  const group = CASE_SENSITIVE_GROUP.exec(source);
  const inner = group?.[1];
  if (inner !== undefined && compileS1qlPattern(inner, { caseInsensitive: false }).ok) {
    source = inner;
    caseInsensitive = false;
  }

  const prefix = source.startsWith('^') ? re2LiteralOf(source.slice(1)) : undefined;
  if (prefix !== undefined && prefix !== '') {
    return {
      kind: 'stringMatch',
      mode: 'startsWith',
      caseInsensitive,
      value: { ...value, text: prefix },
    };
  }
  const suffix =
    source.endsWith('$') && !source.endsWith('\\$') ? re2LiteralOf(source.slice(0, -1)) : undefined;
  if (suffix !== undefined && suffix !== '') {
    return {
      kind: 'stringMatch',
      mode: 'endsWith',
      caseInsensitive,
      value: { ...value, text: suffix },
    };
  }
  return {
    kind: 'stringMatch',
    mode: 'regexp',
    caseInsensitive,
    value: { ...value, text: source },
  };
}
