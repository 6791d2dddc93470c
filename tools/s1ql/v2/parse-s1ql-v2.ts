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
import { FIELDS, findField } from '../fields.ts';
import { re2LiteralOf } from '../format/re2-literal.ts';
import { quotedAlternatives } from '../quoted-alternatives.ts';
import { MAX_S1QL_NESTING, MAX_S1QL_PREDICATES, MAX_S1QL_QUERY_LENGTH } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { suggestClosest } from '../suggest-closest.ts';
import { createSourceLocator } from '../v1/source-locator.ts';
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

/**
 * Parses the S1QL 2.0 filter language (Event Search, STAR v2, the first stage of a
 * PowerQuery) into the same tree S1QL 1.0 gives. Precedence is NOT over AND over OR, and
 * conditions written side by side are joined by AND. In 2.0 `=`, `contains` and `matches`
 * ignore case and `==`, `contains:matchcase` and `in` do not.
 */
export function parseS1qlV2(text: string): S1qlQuery {
  if (text.length > MAX_S1QL_QUERY_LENGTH) {
    const locator = createSourceLocator(text.slice(0, MAX_S1QL_QUERY_LENGTH));
    throw new S1qlSyntaxError({
      reason:
        `the query is ${text.length} characters long; ` +
        `at most ${MAX_S1QL_QUERY_LENGTH} are allowed, so split it into smaller queries`,
      at: locator.span(MAX_S1QL_QUERY_LENGTH, text.length),
    });
  }
  const parser = new V2Parser(tokenizeS1qlV2(text));
  return { dialect: 's1ql-2.0', text, root: parser.parseQuery() };
}

class V2Parser {
  #position = 0;
  #depth = 0;
  #predicates = 0;
  readonly #tokens: readonly S1qlToken[];

  constructor(tokens: readonly S1qlToken[]) {
    this.#tokens = tokens;
  }

  parseQuery(): S1qlExpr {
    const root = this.#parseOr();
    const next = this.#peek();
    if (next.kind === 'rparen') fail('found ")" without a matching "("', next);
    if (next.kind !== 'end') {
      fail(`expected and, or, a condition or end of query, found ${describeToken(next)}`, next, [
        'and',
        'or',
        'end of query',
      ]);
    }
    return root;
  }

  #parseOr(): S1qlExpr {
    const operands = [this.#parseAnd()];
    while (isWord(this.#peek(), 'or')) {
      this.#advance();
      operands.push(this.#parseAnd());
    }
    return chain('or', operands);
  }

  #parseAnd(): S1qlExpr {
    const operands = [this.#parseUnary()];
    for (;;) {
      const next = this.#peek();
      if (isWord(next, 'and')) {
        this.#advance();
      } else if (!startsCondition(next)) {
        break;
      }
      operands.push(this.#parseUnary());
    }
    return chain('and', operands);
  }

  #parseUnary(): S1qlExpr {
    const token = this.#peek();
    if (token.kind !== 'bang' && !isWord(token, 'not')) return this.#parsePrimary();
    this.#advance();
    this.#enter(token);
    const operand = this.#parseUnary();
    this.#depth -= 1;
    return { kind: 'not', operand, span: cover(token.span, operand.span) };
  }

  #parsePrimary(): S1qlExpr {
    const open = this.#peek();
    if (open.kind !== 'lparen') return this.#parsePredicate();
    this.#advance();
    this.#enter(open);
    const inner = this.#parseOr();
    this.#depth -= 1;
    const close = this.#peek();
    if (close.kind !== 'rparen') {
      const where = `line ${open.span.line}, column ${open.span.column}`;
      fail(
        `expected and, or or ")" to close the "(" at ${where}, found ${describeToken(close)}`,
        close,
        ['and', 'or', ')'],
      );
    }
    this.#advance();
    return { ...inner, span: cover(open.span, close.span), parenthesized: true };
  }

  #parsePredicate(): S1qlPredicate {
    const token = this.#peek();
    if (token.kind !== 'word' || isWord(token, 'and') || isWord(token, 'or')) {
      fail(`expected a field name, "(" or not, found ${describeToken(token)}`, token, [
        'field name',
        '(',
        'not',
      ]);
    }
    this.#predicates += 1;
    if (this.#predicates > MAX_S1QL_PREDICATES) {
      fail(
        `the query has more than ${MAX_S1QL_PREDICATES} conditions; ` +
          'split it into smaller queries',
        token,
      );
    }

    const def = findField(token.raw);
    if (def === undefined || def.v2.toLowerCase() !== token.raw.toLowerCase()) {
      if (def !== undefined) {
        fail(`S1QL 2.0 names fields with dots: write ${def.v2} for "${token.raw}"`, token, [
          def.v2,
        ]);
      }
      const close = suggestClosest(token.raw, V2_NAMES, { limit: 3, preferContaining: true });
      fail(
        `unknown field "${token.raw}"; did you mean ${quotedAlternatives(close)}?`,
        token,
        close,
      );
    }
    this.#advance();

    const predicate = this.#parseCondition({ name: token.raw, def, span: token.span });
    validateS1qlPredicate(predicate, { dialect: 's1ql-2.0' });
    return predicate;
  }

  #parseCondition(field: S1qlFieldRef): S1qlPredicate {
    const token = this.#peek();
    const operator: S1qlOperatorRef = { written: token.raw, span: token.span };
    const lower = token.raw.toLowerCase();

    if (token.kind === 'comparator') {
      this.#advance();
      if (this.#peek().kind === 'star') {
        const star = this.#peek();
        if (token.raw !== '=') {
          fail(
            `"${token.raw} *" is not S1QL 2.0; write !(${field.name} = *) for a missing field`,
            star,
          );
        }
        this.#advance();
        const span = cover(field.span, star.span);
        return {
          kind: 'exists',
          field,
          operator: { written: '= *', span: cover(token.span, star.span) },
          span,
        };
      }
      const value = this.#parseValue(token.raw);
      const comparator = (token.raw === '==' ? '=' : token.raw) as S1qlComparator;
      const span = cover(field.span, value.span);
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
      this.#advance();
      const caseInsensitive = this.#caseOf(token, 'contains', true);
      if (this.#peek().kind === 'lparen') {
        const { values, close } = this.#parseList(token.raw);
        const span = cover(field.span, close);
        return {
          kind: 'inList',
          field,
          operator,
          match: 'contains',
          caseInsensitive,
          negated: false,
          values,
          span,
        };
      }
      const value = this.#parseString(token.raw);
      const span = cover(field.span, value.span);
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
      this.#advance();
      const written = this.#parseString(token.raw);
      const pattern = readPattern(written);
      return { ...pattern, field, operator, negated: false, span: cover(field.span, written.span) };
    }

    if (token.kind === 'word' && (lower === 'in' || lower.startsWith('in:'))) {
      this.#advance();
      const caseInsensitive = this.#caseOf(token, 'in', false);
      const { values, close } = this.#parseList(token.raw);
      const span = cover(field.span, close);
      return {
        kind: 'inList',
        field,
        operator,
        match: 'exact',
        caseInsensitive,
        negated: false,
        values,
        span,
      };
    }

    const close =
      token.kind === 'word'
        ? suggestClosest(token.raw, ALL_OPERATORS, { limit: 1, maxDistance: 2 })
        : [];
    const hint = close.length > 0 ? `; did you mean ${quotedAlternatives(close)}?` : '';
    fail(
      `expected an operator after "${field.name}" (such as =, contains, matches or in), ` +
        `found ${describeToken(token)}${hint}`,
      token,
      ALL_OPERATORS,
    );
  }

  /** `contains` and `in` take `:anycase` or `:matchcase`; bare, each has its own default. */
  #caseOf(token: S1qlToken, base: string, byDefault: boolean): boolean {
    const modifier = token.raw.slice(base.length + 1).toLowerCase();
    if (token.raw.length === base.length) return byDefault;
    if (modifier === 'anycase') return true;
    if (modifier === 'matchcase') return false;
    return fail(
      `unknown modifier "${token.raw.slice(base.length)}" on "${base}"; use ${base}:anycase or ` +
        `${base}:matchcase`,
      token,
      [`${base}:anycase`, `${base}:matchcase`],
    );
  }

  #parseValue(after: string): S1qlValue {
    const token = this.#peek();
    const bareBoolean = token.kind === 'word' && /^(true|false)$/i.test(token.raw);
    if (token.kind !== 'string' && token.kind !== 'number' && !bareBoolean) {
      fail(`expected a value after "${after}", found ${describeToken(token)}`, token, [
        'a quoted value',
        'a number',
        'true',
        'false',
      ]);
    }
    this.#advance();
    return { text: token.value, quoted: token.kind === 'string', span: token.span };
  }

  #parseString(after: string): S1qlValue {
    const token = this.#peek();
    if (token.kind !== 'string') {
      fail(`expected a quoted string after "${after}", found ${describeToken(token)}`, token, [
        'a quoted string',
      ]);
    }
    this.#advance();
    return { text: token.value, quoted: true, span: token.span };
  }

  #parseList(after: string): { values: S1qlValue[]; close: S1qlSpan } {
    const open = this.#peek();
    if (open.kind !== 'lparen') {
      fail(`expected "(" after "${after}", found ${describeToken(open)}`, open, ['(']);
    }
    this.#advance();
    if (this.#peek().kind === 'rparen') {
      fail(`the list after "${after}" is empty; give at least one value`, this.#peek(), [
        'a quoted value',
      ]);
    }
    const values: S1qlValue[] = [];
    for (;;) {
      values.push(this.#parseValue(values.length === 0 ? '(' : ','));
      const separator = this.#peek();
      this.#advance();
      if (separator.kind === 'rparen') return { values, close: separator.span };
      if (separator.kind !== 'comma') {
        fail(
          `expected "," or ")" in the list after "${after}", found ${describeToken(separator)}`,
          separator,
          [',', ')'],
        );
      }
    }
  }

  #enter(token: S1qlToken): void {
    this.#depth += 1;
    if (this.#depth > MAX_S1QL_NESTING) {
      fail(`the query nests parentheses or not more than ${MAX_S1QL_NESTING} levels deep`, token);
    }
  }

  #peek(): S1qlToken {
    return this.#tokens[this.#position] ?? endToken(this.#tokens);
  }

  #advance(): void {
    if (this.#position < this.#tokens.length - 1) this.#position += 1;
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

function startsCondition(token: S1qlToken): boolean {
  if (token.kind === 'lparen' || token.kind === 'bang') return true;
  return token.kind === 'word' && !isWord(token, 'or');
}

function fail(reason: string, token: S1qlToken, expected?: readonly string[]): never {
  throw new S1qlSyntaxError({ reason, at: token.span, ...(expected ? { expected } : {}) });
}

function isWord(token: S1qlToken, keyword: string): boolean {
  return token.kind === 'word' && token.raw.toLowerCase() === keyword;
}

function cover(from: S1qlSpan, to: S1qlSpan): S1qlSpan {
  return { start: from.start, end: to.end, line: from.line, column: from.column };
}

function chain(kind: 'and' | 'or', operands: S1qlExpr[]): S1qlExpr {
  const first = operands[0];
  const last = operands.at(-1);
  if (first === undefined || last === undefined) throw new Error('a chain needs an operand');
  if (operands.length === 1) return first;
  return { kind, operands, span: cover(first.span, last.span) };
}

function endToken(tokens: readonly S1qlToken[]): S1qlToken {
  const end = tokens.at(-1);
  if (end === undefined) throw new Error('the tokenizer always ends with an end token');
  return end;
}
