import {
  isS1qlPredicate,
  type S1qlExpr,
  type S1qlInList,
  type S1qlPredicate,
  type S1qlQuery,
  type S1qlStringMatch,
  type S1qlValue,
} from '../ast.ts';
import type { FieldDef } from '../fields.ts';
import { negateS1qlPredicate } from '../negate-s1ql-predicate.ts';
import { S1qlSyntaxError } from '../s1ql-syntax-error.ts';
import { catalogueFieldOf } from '../validate/catalogue-field-of.ts';
import { coerceS1qlValue } from '../validate/coerce-s1ql-value.ts';
import { quoteS1qlV1Value, quoteS1qlV2Value } from './quote-s1ql-value.ts';
import { escapeRe2Literal } from './re2-literal.ts';
import { S1qlFormatError } from './s1ql-format-error.ts';

export interface FormatS1qlOptions {
  /** The language to write; S1QL 1.0 unless asked otherwise. */
  readonly dialect?: '1.0' | '2.0';
}

/** How loosely a piece of text binds, so its parent knows when to parenthesise it. */
type Level = 'or' | 'and' | 'not' | 'atom';

interface Piece {
  readonly text: string;
  readonly level: Level;
}

const MODE_WORDS = {
  contains: 'Contains',
  startsWith: 'StartsWith',
  endsWith: 'EndsWith',
  regexp: 'RegExp',
} as const;

/**
 * Writes a tree as canonical S1QL text: catalogue field names, one spelling per operator,
 * every value quoted, and parentheses only where precedence needs them, plus around an AND
 * group inside an OR so no reader has to remember which binds tighter. Parsing the result
 * gives a tree that matches the same events. Throws S1qlFormatError for a value the dialect
 * cannot spell.
 */
export function formatS1ql(node: S1qlQuery | S1qlExpr, options: FormatS1qlOptions = {}): string {
  const root = 'root' in node ? node.root : node;
  const writer = options.dialect === '2.0' ? new V2Writer() : new V1Writer();
  return writer.expr(root).text;
}

abstract class Writer {
  protected abstract readonly and: string;
  protected abstract readonly or: string;

  expr(node: S1qlExpr): Piece {
    if (isS1qlPredicate(node)) return this.predicate(node);
    if (node.kind === 'not') return this.negation(node.operand);

    const level = node.kind;
    const pieces = node.operands.map((operand) => this.expr(operand));
    if (pieces.length === 1 && pieces[0] !== undefined) return pieces[0];
    if (pieces.length === 0) {
      throw new S1qlFormatError(`An ${level.toUpperCase()} group needs at least one condition.`);
    }

    const joiner = level === 'and' ? this.and : this.or;
    const parts = pieces.map((piece) =>
      level === 'and' && piece.level === 'or' ? paren(piece).text : fitOr(piece, level),
    );
    return { text: parts.join(` ${joiner} `), level };
  }

  /** Every condition is true or false, never unknown, so NOT NOT is dropped. */
  protected negation(operand: S1qlExpr): Piece {
    if (operand.kind === 'not') return this.expr(operand.operand);
    return this.not(this.expr(operand));
  }

  protected abstract predicate(node: S1qlPredicate): Piece;
  protected abstract not(operand: Piece): Piece;
}

class V1Writer extends Writer {
  protected readonly and = 'AND';
  protected readonly or = 'OR';

  /** `NOT F In (...)` is written `F Not In (...)`, the form 1.0 hunters read and write. */
  protected override negation(operand: S1qlExpr): Piece {
    const flipped = isS1qlPredicate(operand) ? negateS1qlPredicate(operand) : undefined;
    return flipped === undefined ? super.negation(operand) : this.predicate(flipped);
  }

  protected not(operand: Piece): Piece {
    const inner = operand.level === 'or' || operand.level === 'and' ? paren(operand) : operand;
    return { text: `NOT ${inner.text}`, level: 'not' };
  }

  protected predicate(node: S1qlPredicate): Piece {
    const def = catalogueFieldOf(node.field);
    const name = def.v1;
    const value = (item: S1qlValue): string => quoteS1qlV1Value(canonicalText(def, item));
    const atom = (text: string): Piece => ({ text, level: 'atom' });

    switch (node.kind) {
      case 'comparison': {
        const { comparator } = node;
        const folds = node.caseInsensitive === true && def.type === 'string';
        if (folds && (comparator === '=' || comparator === '!=')) {
          const words = comparator === '=' ? 'In Anycase' : 'Not In Anycase';
          return atom(`${name} ${words} (${value(node.value)})`);
        }
        return atom(`${name} ${comparator} ${value(node.value)}`);
      }

      case 'stringMatch': {
        const word = `${MODE_WORDS[node.mode]}${node.caseInsensitive ? 'CIS' : ''}`;
        if (!node.negated) return atom(`${name} ${word} ${value(node.value)}`);
        if (node.mode === 'contains') {
          const negated = node.caseInsensitive ? 'Does Not ContainCIS' : 'Does Not Contain';
          return atom(`${name} ${negated} ${value(node.value)}`);
        }
        return this.not(atom(`${name} ${word} ${value(node.value)}`));
      }

      case 'inList': {
        const words = [
          node.negated ? 'Not In' : 'In',
          node.match === 'contains' ? 'Contains' : '',
          node.caseInsensitive ? 'Anycase' : '',
        ].filter((word) => word !== '');
        return atom(`${name} ${words.join(' ')} (${node.values.map(value).join(', ')})`);
      }

      case 'exists':
        return atom(`${name} Exists`);

      case 'isEmpty':
        return atom(`${name} ${node.negated ? 'Is Not Empty' : 'Is Empty'}`);

      case 'isBoolean':
        return atom(`${name} ${node.value ? 'Is True' : 'Is False'}`);

      case 'between':
        return atom(`${name} Between ${value(node.low)} AND ${value(node.high)}`);
    }
  }
}

class V2Writer extends Writer {
  protected readonly and = 'and';
  protected readonly or = 'or';

  protected not(operand: Piece): Piece {
    return { text: `!(${operand.text})`, level: 'atom' };
  }

  protected predicate(node: S1qlPredicate): Piece {
    const def = catalogueFieldOf(node.field);
    const name = def.v2;
    const value = (item: S1qlValue): string => v2Value(def, item);
    const atom = (text: string): Piece => ({ text, level: 'atom' });
    const negate = (negated: boolean, piece: Piece): Piece => (negated ? this.not(piece) : piece);
    const textual = def.type === 'string';

    switch (node.kind) {
      case 'comparison': {
        const { comparator } = node;
        const exact = textual && node.caseInsensitive !== true;
        if (comparator === '=' || comparator === '!=') {
          const equal = atom(`${name} ${exact ? '==' : '='} ${value(node.value)}`);
          if (comparator === '=') return equal;
          return exact ? this.not(equal) : atom(`${name} != ${value(node.value)}`);
        }
        return atom(`${name} ${comparator} ${value(node.value)}`);
      }

      case 'stringMatch':
        return negate(node.negated, atom(`${name} ${this.#stringMatch(node)}`));

      case 'inList':
        return negate(node.negated, atom(`${name} ${this.#inList(node, def)}`));

      case 'exists':
        return atom(`${name} = *`);

      case 'isEmpty': {
        const missing = this.not(atom(`${name} = *`));
        const empty = textual ? { text: `${missing.text} or ${name} == ''`, level: 'or' } : missing;
        return negate(node.negated, empty as Piece);
      }

      case 'isBoolean':
        return atom(`${name} = ${node.value}`);

      case 'between':
        return {
          text: `${name} >= ${value(node.low)} and ${name} <= ${value(node.high)}`,
          level: 'and',
        };
    }
  }

  #stringMatch(node: S1qlStringMatch): string {
    const text = node.value.text;
    if (node.mode === 'contains') {
      const operator = node.caseInsensitive ? 'contains:anycase' : 'contains:matchcase';
      return `${operator} ${quoteS1qlV2Value(text)}`;
    }

    const source =
      node.mode === 'regexp'
        ? text
        : node.mode === 'startsWith'
          ? `^${escapeRe2Literal(text)}`
          : `${escapeRe2Literal(text)}$`;
    // 2.0 `matches` ignores case; a case-sensitive match turns that off for its own group.
    const pattern = node.caseInsensitive ? source : `(?-i:${source})`;
    return `matches ${quoteS1qlV2Value(pattern)}`;
  }

  #inList(node: S1qlInList, def: FieldDef): string {
    const values = `(${node.values.map((item) => v2Value(def, item)).join(', ')})`;
    if (node.match === 'contains') {
      return `${node.caseInsensitive ? 'contains:anycase' : 'contains:matchcase'} ${values}`;
    }
    const folds = node.caseInsensitive && def.type === 'string';
    return `${folds ? 'in:anycase' : 'in'} ${values}`;
  }
}

function paren(piece: Piece): Piece {
  return { text: `(${piece.text})`, level: 'atom' };
}

/** Inside an OR an AND group gets parentheses too: correct without, but easy to misread. */
function fitOr(piece: Piece, parent: 'and' | 'or'): string {
  if (parent === 'or' && piece.level === 'and') return paren(piece).text;
  return piece.text;
}

/** Enum values in the catalogue's spelling; anything else exactly as written. */
function canonicalText(def: FieldDef, value: S1qlValue): string {
  if (def.type !== 'enum') return value.text;
  try {
    return String(coerceS1qlValue({ name: def.v1, def, span: value.span }, value));
  } catch (error) {
    if (error instanceof S1qlSyntaxError) return value.text;
    throw error;
  }
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/** 2.0 writes numbers and booleans bare and everything else in single quotes. */
function v2Value(def: FieldDef, value: S1qlValue): string {
  const text = canonicalText(def, value);
  if ((def.type === 'number' || def.type === 'time') && NUMBER.test(text)) return text;
  if (def.type === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase();
  return quoteS1qlV2Value(text);
}
