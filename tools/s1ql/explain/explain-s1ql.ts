import {
  isS1qlPredicate,
  type S1qlAnd,
  type S1qlExpr,
  type S1qlOr,
  type S1qlPredicate,
  type S1qlQuery,
  type S1qlValue,
} from '../ast.ts';
import { findFieldGroup } from '../field-groups.ts';
import type { FieldDef } from '../fields.ts';
import { negateS1qlPredicate } from '../negate-s1ql-predicate.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { catalogueFieldOf } from '../validate/catalogue-field-of.ts';
import { coerceS1qlValue } from '../validate/coerce-s1ql-value.ts';
import { fieldLabel } from './field-label.ts';

/** Values longer than this are shortened, with the count of what was left out. */
const SHOWN_VALUE_LENGTH = 300;

/**
 * Plain English for what a query matches, for the hunter to check before it runs and for
 * the hunting agent to summarise. Every value is shown as quoted data, escaped so that no
 * value can end its quotes or start a line, and is never read as words of the sentence.
 */
export function explainS1ql(node: S1qlQuery | S1qlExpr): string {
  const root = 'root' in node ? node.root : node;
  return `Events where ${clause(root)}.`;
}

function clause(node: S1qlExpr): string {
  if (isS1qlPredicate(node)) return predicateClause(node);

  if (node.kind === 'not') {
    const operand = node.operand;
    if (operand.kind === 'not') return clause(operand.operand);
    const flipped = isS1qlPredicate(operand) ? negateS1qlPredicate(operand) : undefined;
    if (flipped !== undefined) return predicateClause(flipped);
    return `not ${grouped(operand)}`;
  }

  const group = groupClause(node);
  if (group !== undefined) return group;
  const joiner = node.kind === 'and' ? ' and ' : ' or ';
  return node.operands.map(grouped).join(joiner);
}

/** A nested AND or OR in parentheses, so the reader sees the grouping the query has. */
function grouped(node: S1qlExpr): string {
  const text = clause(node);
  const isChain = (node.kind === 'and' || node.kind === 'or') && node.fieldGroup === undefined;
  return isChain ? `(${text})` : text;
}

/** `CmdLine Contains "x"` reads "any command line (...) contains", not one clause per field. */
function groupClause(node: S1qlAnd | S1qlOr): string | undefined {
  const group = node.fieldGroup === undefined ? undefined : findFieldGroup(node.fieldGroup);
  const first = node.operands[0];
  if (group === undefined || first === undefined || !isS1qlPredicate(first)) return undefined;

  const members = group.members.map(fieldLabel).join(', ');
  if (node.kind === 'or') return `any ${group.meaning} (${members}) ${verb(first)}`;
  const positive = negateS1qlPredicate(first);
  if (positive === undefined) return undefined;
  return `no ${group.meaning} (${members}) ${verb(positive)}`;
}

function predicateClause(node: S1qlPredicate): string {
  return `the ${fieldLabel(catalogueFieldOf(node.field))} ${verb(node)}`;
}

function verb(node: S1qlPredicate): string {
  const def = catalogueFieldOf(node.field);
  const value = (item: S1qlValue): string => shownValue(def, item);
  const list = (items: readonly S1qlValue[]): string => items.map(value).join(', ');
  const values = 'values' in node ? node.values : singleValuesOf(node);
  const hasLetters = values.some((item) => /\p{L}/u.test(item.text));
  const notes = (insensitive: boolean, missing = false): string => {
    const caseWords = setsCaseInline(node)
      ? "case as the pattern's inline flags set it"
      : insensitive
        ? 'any case'
        : 'exact case';
    const parts = [
      def.type === 'string' && hasLetters ? caseWords : '',
      missing ? 'also true when the field is missing' : '',
    ].filter((part) => part !== '');
    return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
  };

  switch (node.kind) {
    case 'comparison': {
      const insensitive = node.caseInsensitive === true;
      if (node.comparator === '=') return `is ${value(node.value)}${notes(insensitive)}`;
      if (node.comparator === '!=') {
        return `is not ${value(node.value)}${notes(insensitive, true)}`;
      }
      const words = def.type === 'time' ? TIME_WORDS : NUMBER_WORDS;
      return `${words[node.comparator]} ${value(node.value)}`;
    }

    case 'stringMatch': {
      const [positive, negative] = MATCH_WORDS[node.mode];
      const words = node.negated ? negative : positive;
      return `${words} ${value(node.value)}${notes(node.caseInsensitive, node.negated)}`;
    }

    case 'inList': {
      const words = LIST_WORDS[node.match][node.negated ? 1 : 0][node.values.length === 1 ? 0 : 1];
      return `${words} ${list(node.values)}${notes(node.caseInsensitive, node.negated)}`;
    }

    case 'exists':
      return 'is present';

    case 'isEmpty':
      return node.negated ? 'is present and not empty' : 'is missing or empty';

    case 'isBoolean':
      return node.value ? 'is true' : 'is false';

    case 'between':
      return `is from ${value(node.low)} to ${value(node.high)} inclusive`;
  }
}

/** [positive, negated] × [one value, several]. */
const LIST_WORDS = {
  exact: [
    ['is', 'is one of'],
    ['is not', 'is none of'],
  ],
  contains: [
    ['contains', 'contains any of'],
    ['does not contain', 'contains none of'],
  ],
} as const;

const NUMBER_WORDS = {
  '>': 'is greater than',
  '>=': 'is at least',
  '<': 'is less than',
  '<=': 'is at most',
};
const TIME_WORDS = {
  '>': 'is after',
  '>=': 'is at or after',
  '<': 'is before',
  '<=': 'is at or before',
};

const INLINE_FLAGS = /\(\?([imsU]*(?:-[imsU]*)?)[:)]/g;

/**
 * A pattern such as `(?i)cmd` or `(?-i:Run)` decides case itself, in part or in whole, so
 * neither "any case" nor "exact case" would be true of all of it.
 */
function setsCaseInline(node: S1qlPredicate): boolean {
  if (node.kind !== 'stringMatch' || node.mode !== 'regexp') return false;
  return [...node.value.text.matchAll(INLINE_FLAGS)].some((flags) => flags[1]?.includes('i'));
}

const MATCH_WORDS = {
  contains: ['contains', 'does not contain'],
  startsWith: ['starts with', 'does not start with'],
  endsWith: ['ends with', 'does not end with'],
  regexp: ['matches the regular expression', 'does not match the regular expression'],
} as const;

/**
 * A value as quoted data. Quotes and control characters are escaped, so a value cannot
 * close its quotes or break a line of the explanation; backslashes stay single so Windows
 * paths read as written. Times also show the instant they were read as.
 */
function shownValue(def: FieldDef, value: S1qlValue): string {
  const text = value.text;
  const shown = text.length > SHOWN_VALUE_LENGTH ? text.slice(0, SHOWN_VALUE_LENGTH) : text;
  const escaped = shown.replace(/["\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (char) => {
    if (char === '"') return '\\"';
    if (char === '\n') return '\\n';
    if (char === '\t') return '\\t';
    return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
  const rest = text.length - shown.length;
  const more = rest > 0 ? `… (${rest} more characters)` : '';
  if (def.type !== 'time') return `"${escaped}"${more}`;
  return `"${escaped}" (${instantOf(def, value)})`;
}

function instantOf(def: FieldDef, value: S1qlValue): string {
  try {
    const millis = coerceS1qlValue({ name: def.v1, def, span: value.span }, value);
    return new Date(Number(millis)).toISOString();
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return 'not a valid time';
    throw error;
  }
}

function singleValuesOf(node: S1qlPredicate): readonly S1qlValue[] {
  if (node.kind === 'comparison' || node.kind === 'stringMatch') return [node.value];
  if (node.kind === 'between') return [node.low, node.high];
  return [];
}
