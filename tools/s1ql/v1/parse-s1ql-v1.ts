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
import { MAX_S1QL_NESTING, MAX_S1QL_PREDICATES, MAX_S1QL_QUERY_LENGTH } from '../s1ql-limits.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { suggestClosest } from '../suggest-closest.ts';
import { validateS1qlPredicate } from '../validate/validate-s1ql-query.ts';
import { LONGEST_PHRASE, OPERATOR_PHRASES, type OperatorPhrase } from './operator-phrases.ts';
import { createSourceLocator } from './source-locator.ts';
import { describeToken, type S1qlToken } from './token.ts';
import { tokenizeS1ql } from './tokenize-s1ql.ts';

const FIELD_NAMES = FIELDS.flatMap((field) => [field.v1, ...(field.aliases ?? [])]);
const GROUP_NAMES = FIELD_GROUPS.map((group) => group.name);
const COMPARATORS: readonly S1qlComparator[] = ['=', '!=', '>', '>=', '<', '<='];
const OPERATOR_SPELLINGS = [
  ...COMPARATORS,
  ...OPERATOR_PHRASES.map((phrase) => phrase.words.join(' ')),
];

/**
 * Parses S1QL 1.0 into a checked tree. Precedence is NOT over AND over OR; keywords and field
 * names are case-insensitive. Throws S1qlSyntaxError at the first problem, syntax or type.
 */
export function parseS1qlV1(text: string): S1qlQuery {
  if (text.length > MAX_S1QL_QUERY_LENGTH) {
    // Only the allowed part is scanned for lines, so the refusal costs no more than a query.
    const locator = createSourceLocator(text.slice(0, MAX_S1QL_QUERY_LENGTH));
    throw new S1qlSyntaxError({
      reason:
        `the query is ${text.length} characters long; ` +
        `at most ${MAX_S1QL_QUERY_LENGTH} are allowed, so split it into smaller queries`,
      at: locator.span(MAX_S1QL_QUERY_LENGTH, text.length),
    });
  }

  const parser = new V1Parser(tokenizeS1ql(text));
  return { dialect: 's1ql-1.0', text, root: parser.parseQuery() };
}

class V1Parser {
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
      fail(`expected AND, OR or end of query, found ${describeToken(next)}`, next, [
        'AND',
        'OR',
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
    while (isWord(this.#peek(), 'and')) {
      this.#advance();
      operands.push(this.#parseUnary());
    }
    return chain('and', operands);
  }

  #parseUnary(): S1qlExpr {
    const token = this.#peek();
    if (!isWord(token, 'not')) return this.#parsePrimary();

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
        `expected AND, OR or ")" to close the "(" at ${where}, found ${describeToken(close)}`,
        close,
        ['AND', 'OR', ')'],
      );
    }
    this.#advance();
    return { ...inner, span: cover(open.span, close.span), parenthesized: true };
  }

  #parsePredicate(): S1qlExpr {
    const token = this.#peek();
    if (token.kind !== 'word' || isWord(token, 'and') || isWord(token, 'or')) {
      fail(`expected a field name, "(" or NOT, found ${describeToken(token)}`, token, [
        'field name',
        '(',
        'NOT',
      ]);
    }
    const def = findField(token.raw);
    const group = def === undefined ? findFieldGroup(token.raw) : undefined;
    this.#count(token, group?.members.length ?? 1);
    if (group !== undefined) {
      this.#advance();
      return this.#expandGroup(group, token);
    }
    if (def === undefined) {
      // Group names are short (IP, Name), so they are offered only when nearly what was written.
      const wrote = abbreviate(token.raw);
      const near = suggestClosest(wrote, GROUP_NAMES, { limit: 1, maxDistance: 2 });
      const fields = suggestClosest(wrote, FIELD_NAMES, { limit: 3, preferContaining: true });
      const close = [...near, ...fields].slice(0, 3);
      fail(
        `unknown field "${token.raw}"; did you mean ${quotedAlternatives(close)}?`,
        token,
        close,
      );
    }
    this.#advance();
    const predicate = this.#parseCondition({ name: token.raw, def, span: token.span });
    validateS1qlPredicate(predicate);
    return predicate;
  }

  #count(token: S1qlToken, conditions: number): void {
    this.#predicates += conditions;
    if (this.#predicates > MAX_S1QL_PREDICATES) {
      fail(
        `the query has more than ${MAX_S1QL_PREDICATES} conditions; ` +
          'split it into smaller queries',
        token,
      );
    }
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
    const token = this.#peek();
    if (token.kind === 'comparator') {
      const comparator = COMPARATORS.find((candidate) => candidate === token.raw);
      if (comparator === undefined) fail(`unknown comparator "${token.raw}"`, token);
      this.#advance();
      const operator = { written: token.raw, span: token.span };
      const value = this.#parseValue(token.raw);
      const span = cover(field.span, value.span);
      return { kind: 'comparison', field, operator, comparator, value, span };
    }

    const { phrase, operator } = this.#parseOperatorWords(field);
    const { meaning } = phrase;
    const base = { field, operator };

    switch (meaning.kind) {
      case 'stringMatch': {
        const value = this.#parseValue(operator.written);
        return { ...meaning, ...base, value, span: cover(field.span, value.span) };
      }
      case 'inList': {
        const { values, close } = this.#parseList(operator.written);
        return { ...meaning, ...base, values, span: cover(field.span, close) };
      }
      case 'between': {
        const low = this.#parseValue(operator.written);
        const and = this.#peek();
        if (!isWord(and, 'and')) {
          fail(
            `expected AND between the two values of "${operator.written}", ` +
              `found ${describeToken(and)}`,
            and,
            ['AND'],
          );
        }
        this.#advance();
        const high = this.#parseValue(and.raw);
        return { kind: 'between', ...base, low, high, span: cover(field.span, high.span) };
      }
      case 'exists':
      case 'isEmpty':
      case 'isBoolean':
        return { ...meaning, ...base, span: cover(field.span, operator.span) };
    }
  }

  /** Reads the longest operator phrase at the cursor, or explains what was expected. */
  #parseOperatorWords(field: S1qlFieldRef): { phrase: OperatorPhrase; operator: S1qlOperatorRef } {
    const words: S1qlToken[] = [];
    for (let i = 0; i < LONGEST_PHRASE; i += 1) {
      const token = this.#tokens[this.#position + i];
      if (token?.kind !== 'word') break;
      words.push(token);
    }

    const first = words[0];
    if (first === undefined) {
      const found = this.#peek();
      fail(
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
    this.#position += used.length;
    const last = used.at(-1) ?? first;
    const written = used.map((word) => word.raw).join(' ');
    return { phrase: best, operator: { written, span: cover(first.span, last.span) } };
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
      const at = first ?? this.#peek();
      fail(`unknown operator "${wrote}" after "${field.name}"; ${hint}`, at, OPERATOR_SPELLINGS);
    }

    const found = this.#tokens[this.#position + known] ?? this.#peek();
    const after = words
      .slice(0, known)
      .map((word) => word.raw)
      .join(' ');
    const options = [...next];
    const hint =
      first.raw.toLowerCase() === 'not' ? '; to exclude a substring write Does Not Contain' : '';
    const wanted = quotedAlternatives(options);
    fail(
      `expected ${wanted} after "${after}", found ${describeToken(found)}${hint}`,
      found,
      options,
    );
  }

  #parseValue(after: string): S1qlValue {
    const token = this.#peek();
    const bareBoolean = token.kind === 'word' && /^(true|false)$/i.test(token.raw);
    if (token.kind !== 'string' && token.kind !== 'number' && !bareBoolean) {
      fail(
        `expected a value in double quotes after "${after}", found ${describeToken(token)}`,
        token,
        ['a value in double quotes'],
      );
    }
    this.#advance();
    return { text: token.value, quoted: token.kind === 'string', span: token.span };
  }

  #parseList(after: string): { values: S1qlValue[]; close: S1qlSpan } {
    const open = this.#peek();
    if (open.kind !== 'lparen') {
      fail(`expected "(" after "${after}", found ${describeToken(open)}`, open, ['(']);
    }
    this.#advance();

    const first = this.#peek();
    if (first.kind === 'rparen') {
      fail(`the list after "${after}" is empty; give at least one value`, first, [
        'a value in double quotes',
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
      fail(`the query nests parentheses or NOT more than ${MAX_S1QL_NESTING} levels deep`, token);
    }
  }

  #peek(): S1qlToken {
    return this.#tokens[this.#position] ?? endToken(this.#tokens);
  }

  #advance(): void {
    if (this.#position < this.#tokens.length - 1) this.#position += 1;
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
