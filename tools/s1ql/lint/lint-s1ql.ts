import {
  isS1qlPredicate,
  type S1qlExpr,
  type S1qlPredicate,
  type S1qlQuery,
  type S1qlSpan,
} from '../ast.ts';
import { re2LiteralOf } from '../format/re2-literal.ts';
import { negateS1qlPredicate } from '../negate-s1ql-predicate.ts';
import { catalogueFieldOf } from '../validate/catalogue-field-of.ts';

export type S1qlLintCode =
  | 'unanchored-substring'
  | 'case-sensitive-path'
  | 'and-or-without-parentheses'
  | 'regexp-is-literal'
  | 'contradiction'
  | 'tautology'
  | 'matches-everything'
  | 'only-negations'
  | 'unanchored-full-text';

export interface S1qlLintWarning {
  readonly code: S1qlLintCode;
  readonly message: string;
  readonly span: S1qlSpan;
}

/** Fields that hold long text on nearly every event, so a substring scan over them is slow. */
const HUGE_FIELDS = new Set([
  'SrcProcCmdLine',
  'TgtProcCmdLine',
  'SrcProcParentCmdLine',
  'SrcProcCmdScript',
  'IndicatorMetadata',
]);

/** Windows paths and registry keys ignore case, so an exact-case match misses real hits. */
const PATH_FIELDS = new Set([
  'TgtFilePath',
  'TgtFileOldPath',
  'SrcProcImagePath',
  'SrcProcParentImagePath',
  'TgtProcImagePath',
  'ModulePath',
  'RegistryKeyPath',
  'RegistryPath',
  'TaskPath',
]);

/** Conditions that narrow a hunt to a kind of event or a few processes or hosts. */
const ANCHOR_FIELDS = new Set([
  'EventType',
  'ObjectType',
  'SrcProcName',
  'TgtProcName',
  'SrcProcParentName',
  'EndpointName',
  'AgentUuid',
  'AgentId',
  'SrcProcStorylineId',
  'TgtProcStorylineId',
  'SrcProcUID',
  'TgtProcUID',
  'SrcProcImageSha1',
  'SrcProcImageSha256',
  'TgtFileSha1',
  'TgtFileSha256',
  'EventTime',
]);

/**
 * Warnings for queries that are valid but slow or likely wrong. Each rule fires only on a
 * pattern it can see for certain, so a good query gets no warnings.
 */
export function lintS1ql(query: S1qlQuery): S1qlLintWarning[] {
  const warnings: S1qlLintWarning[] = [];
  const linuxOnly = mentionsNonWindows(query.root);
  walk(query.root, [], warnings, { linuxOnly });
  wholeQuery(query.root, warnings);
  return warnings.sort((a, b) => a.span.start - b.span.start);
}

interface Context {
  readonly linuxOnly: boolean;
}

/** `conjuncts` are the conditions AND-ed with the node on the way up from it. */
function walk(
  node: S1qlExpr,
  conjuncts: readonly S1qlExpr[],
  warnings: S1qlLintWarning[],
  context: Context,
): void {
  if (isS1qlPredicate(node)) {
    predicateWarnings(node, conjuncts, warnings, context);
    return;
  }
  if (node.kind === 'not') {
    walk(node.operand, conjuncts, warnings, context);
    return;
  }

  if (node.kind === 'or' && node.fieldGroup === undefined) {
    for (const operand of node.operands) {
      if (operand.kind === 'and' && operand.parenthesized !== true && !operand.fieldGroup) {
        warnings.push({
          code: 'and-or-without-parentheses',
          message:
            'AND and OR are mixed without parentheses; AND binds tighter, so this reads as ' +
            '(… AND …) OR …. Add parentheses to say which you mean',
          span: operand.span,
        });
      }
    }
    orWarnings(node.operands, warnings);
  }
  if (node.kind === 'and') andWarnings(node.operands, warnings);

  for (const operand of node.operands) {
    const others = node.kind === 'and' ? node.operands.filter((item) => item !== operand) : [];
    walk(operand, [...conjuncts, ...others], warnings, context);
  }
}

function predicateWarnings(
  node: S1qlPredicate,
  conjuncts: readonly S1qlExpr[],
  warnings: S1qlLintWarning[],
  context: Context,
): void {
  const field = catalogueFieldOf(node.field).v1;
  const substring =
    (node.kind === 'stringMatch' && (node.mode === 'contains' || node.mode === 'regexp')) ||
    (node.kind === 'inList' && node.match === 'contains');
  const positive = !('negated' in node && node.negated);

  if (substring && positive && HUGE_FIELDS.has(field) && !conjuncts.some(isAnchor)) {
    warnings.push({
      code: 'unanchored-substring',
      message:
        `${node.operator.written} on ${field} scans the command line of every event; ` +
        'add an anchor such as EventType = "Process Creation" or a process name',
      span: node.span,
    });
  }

  if (PATH_FIELDS.has(field) && !context.linuxOnly && isCaseSensitiveText(node)) {
    warnings.push({
      code: 'case-sensitive-path',
      message:
        `"${node.operator.written}" on ${field} matches exact case, but Windows paths and ` +
        'registry keys ignore case; use the CIS or Anycase form',
      span: node.operator.span,
    });
  }

  if (node.kind === 'stringMatch' && node.mode === 'regexp') {
    regexpWarnings(node, field, warnings);
  }

  const empty =
    node.kind === 'stringMatch' && node.mode !== 'regexp' && node.value.text === '' && positive;
  if (empty) {
    warnings.push({
      code: 'matches-everything',
      message: `${node.operator.written} "" is true for every event that has ${field}`,
      span: node.span,
    });
  }
}

function regexpWarnings(
  node: Extract<S1qlPredicate, { kind: 'stringMatch' }>,
  field: string,
  warnings: S1qlLintWarning[],
): void {
  const flagged = node.value.text.startsWith('(?i)');
  const source = flagged ? node.value.text.slice(4) : node.value.text;
  const ci = node.caseInsensitive || flagged ? 'CIS' : '';

  if (source === '' || source === '.*' || source === '^' || source === '.*$') {
    warnings.push({
      code: 'matches-everything',
      message: `the pattern "${node.value.text}" matches every event that has ${field}`,
      span: node.value.span,
    });
    return;
  }

  const anchoredStart = source.startsWith('^');
  const anchoredEnd = source.endsWith('$') && !source.endsWith('\\$');
  const core = source.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  const literal = re2LiteralOf(core);
  if (literal === undefined || literal === '' || (anchoredStart && anchoredEnd)) return;

  const suggestion = anchoredStart ? 'StartsWith' : anchoredEnd ? 'EndsWith' : 'Contains';
  warnings.push({
    code: 'regexp-is-literal',
    message:
      `the pattern only matches the text "${literal}"; ${suggestion}${ci} says the same ` +
      'and is faster',
    span: node.operator.span,
  });
}

/** Two equalities on one field with different values can never both hold. */
function andWarnings(operands: readonly S1qlExpr[], warnings: S1qlLintWarning[]): void {
  const equal = new Map<string, { value: string; shown: string }>();
  for (const operand of operands) {
    if (!isS1qlPredicate(operand)) continue;
    const single = equalityOf(operand);
    if (single !== undefined) {
      const seen = equal.get(single.field);
      if (seen !== undefined && seen.value !== single.value) {
        warnings.push({
          code: 'contradiction',
          message:
            `${single.field} cannot be both "${seen.shown}" and "${single.shown}", ` +
            'so nothing matches; did you mean OR or In (...)?',
          span: operand.span,
        });
      } else {
        equal.set(single.field, single);
      }
    }
    if (operand.kind === 'between' && rangeIsEmpty(operand)) {
      warnings.push({
        code: 'contradiction',
        message: `the range "${operand.low.text}" to "${operand.high.text}" is empty`,
        span: operand.span,
      });
    }
  }
  complementPairs(operands, warnings, 'contradiction', 'cannot both hold, so nothing matches');
}

function orWarnings(operands: readonly S1qlExpr[], warnings: S1qlLintWarning[]): void {
  complementPairs(operands, warnings, 'tautology', 'cover every event, so the OR filters nothing');
}

/** `X` next to `NOT X` (or its negated form) in one chain. */
function complementPairs(
  operands: readonly S1qlExpr[],
  warnings: S1qlLintWarning[],
  code: 'contradiction' | 'tautology',
  says: string,
): void {
  const keys = new Map<string, S1qlExpr>();
  for (const operand of operands) keys.set(keyOf(operand), operand);
  for (const operand of operands) {
    const opposite = oppositeKey(operand);
    const other = opposite === undefined ? undefined : keys.get(opposite);
    if (other !== undefined && other.span.start < operand.span.start) {
      warnings.push({
        code,
        message: `a condition and its opposite ${says}`,
        span: operand.span,
      });
    }
  }
}

function wholeQuery(root: S1qlExpr, warnings: S1qlLintWarning[]): void {
  const polarities = excludes(root, false);
  if (polarities.length > 0 && polarities.every((excluding) => excluding)) {
    warnings.push({
      code: 'only-negations',
      message:
        'every condition excludes something, so the query matches nearly every event; ' +
        'add a condition saying what to find',
      span: root.span,
    });
  }

  if (root.kind !== 'or' || root.fieldGroup !== undefined) return;
  const byValue = new Map<string, Set<string>>();
  for (const operand of root.operands) {
    if (operand.kind !== 'stringMatch' || operand.mode !== 'contains' || operand.negated) continue;
    const fields = byValue.get(operand.value.text.toLowerCase()) ?? new Set<string>();
    fields.add(catalogueFieldOf(operand.field).v1);
    byValue.set(operand.value.text.toLowerCase(), fields);
  }
  for (const [value, fields] of byValue) {
    if (fields.size >= 3) {
      warnings.push({
        code: 'unanchored-full-text',
        message:
          `"${value}" is searched for in ${fields.size} fields of every event type; ` +
          'narrow it with EventType or ObjectType, or search the fields that can hold it',
        span: root.span,
      });
    }
  }
}

function isAnchor(node: S1qlExpr): boolean {
  if (!isS1qlPredicate(node)) {
    if (node.kind === 'not') return false;
    const all = node.kind === 'and' ? node.operands.some(isAnchor) : node.operands.every(isAnchor);
    return node.operands.length > 0 && all;
  }
  const field = catalogueFieldOf(node.field).v1;
  if (!ANCHOR_FIELDS.has(field)) return false;
  switch (node.kind) {
    case 'comparison':
      return node.comparator !== '!=';
    case 'inList':
      return !node.negated;
    case 'stringMatch':
      return !node.negated && node.mode !== 'regexp';
    case 'between':
      return true;
    default:
      return false;
  }
}

function isCaseSensitiveText(node: S1qlPredicate): boolean {
  const hasLetter = (text: string): boolean => /\p{L}/u.test(text);
  switch (node.kind) {
    case 'comparison':
      return (
        (node.comparator === '=' || node.comparator === '!=') &&
        node.caseInsensitive !== true &&
        hasLetter(node.value.text)
      );
    case 'stringMatch':
      return (
        !node.caseInsensitive &&
        !node.value.text.startsWith('(?i)') &&
        hasLetter(node.mode === 'regexp' ? node.value.text.replace(/\\./g, '') : node.value.text)
      );
    case 'inList':
      return !node.caseInsensitive && node.values.some((value) => hasLetter(value.text));
    default:
      return false;
  }
}

/** A Linux or macOS hunt keeps case, so the path warning would be noise there. */
function mentionsNonWindows(root: S1qlExpr): boolean {
  return collect(root).some((node) => {
    if (catalogueFieldOf(node.field).v1 !== 'EndpointOS') return false;
    const values =
      node.kind === 'comparison' && node.comparator === '='
        ? [node.value.text]
        : node.kind === 'inList' && !node.negated
          ? node.values.map((value) => value.text)
          : [];
    return values.some((value) => /^(linux|macos)$/i.test(value));
  });
}

function equalityOf(
  node: S1qlPredicate,
): { field: string; value: string; shown: string } | undefined {
  const def = catalogueFieldOf(node.field);
  const folds = def.type === 'enum' || (node.kind === 'comparison' && node.caseInsensitive);
  const text = (value: string): string => (folds ? value.toLowerCase() : value);
  if (node.kind === 'comparison' && node.comparator === '=') {
    return { field: def.v1, value: text(node.value.text), shown: node.value.text };
  }
  if (node.kind === 'inList' && !node.negated && node.match === 'exact') {
    const [only] = node.values;
    const ci = node.caseInsensitive && def.type === 'string';
    if (node.values.length === 1 && only !== undefined && !ci) {
      return { field: def.v1, value: text(only.text), shown: only.text };
    }
  }
  return undefined;
}

function rangeIsEmpty(node: Extract<S1qlPredicate, { kind: 'between' }>): boolean {
  const low = Number(node.low.text);
  const high = Number(node.high.text);
  return Number.isFinite(low) && Number.isFinite(high) && low > high;
}

function keyOf(node: S1qlExpr): string {
  return JSON.stringify(stripped(node));
}

function oppositeKey(node: S1qlExpr): string | undefined {
  if (node.kind === 'not') return keyOf(node.operand);
  if (!isS1qlPredicate(node)) return undefined;
  const negated = negateS1qlPredicate(node);
  return negated === undefined ? undefined : keyOf(negated);
}

/** A node without positions or spellings, so two writings of one condition compare equal. */
function stripped(node: S1qlExpr): unknown {
  if (node.kind === 'not') return { not: stripped(node.operand) };
  if (!isS1qlPredicate(node)) return { [node.kind]: node.operands.map(stripped) };
  const { span: _span, operator: _operator, parenthesized: _p, field, ...rest } = node;
  const plain = JSON.parse(JSON.stringify(rest), (key, value) =>
    key === 'span' || key === 'quoted' ? undefined : value,
  );
  return { field: catalogueFieldOf(field).v1, ...plain };
}

function collect(node: S1qlExpr): S1qlPredicate[] {
  if (isS1qlPredicate(node)) return [node];
  if (node.kind === 'not') return collect(node.operand);
  return node.operands.flatMap(collect);
}

/** For each predicate, whether it excludes events (`!=`, `Does Not`, `Not In`, under NOT). */
function excludes(node: S1qlExpr, underNot: boolean): boolean[] {
  if (node.kind === 'not') return excludes(node.operand, !underNot);
  if (!isS1qlPredicate(node)) return node.operands.flatMap((item) => excludes(item, underNot));
  switch (node.kind) {
    case 'comparison':
      return [(node.comparator === '!=') !== underNot];
    case 'stringMatch':
    case 'inList':
      return [node.negated !== underNot];
    default:
      return [false];
  }
}
