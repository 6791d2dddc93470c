import {
  isS1qlPredicate,
  parseS1ql,
  type S1qlExpr,
  type S1qlInList,
  type S1qlPredicate,
} from '../../tools/s1ql/index.ts';
import { type CheckedQuery, checkTree } from '../query/checked-query.ts';
import { allOf, inAnycase, not } from '../query/s1ql-nodes.ts';
import { composeConditions } from '../translate/compose-query.ts';
import { extractEntities } from '../translate/extract-entities.ts';
import { extractTimeRange, type HuntWindow } from '../translate/extract-time-range.ts';
import type { HuntEntity } from '../translate/hunt-entity.ts';
import type { HuntIntent } from '../translate/hunt-intent.ts';
import { timeRangeRefusal } from '../translate/hunt-translation.ts';
import type { HuntFocus } from './hunt-focus.ts';

/** The query a thread holds now, which a follow-up edits. */
export interface CurrentHunt {
  readonly query: string;
  readonly intent: HuntIntent;
  readonly window: HuntWindow;
  readonly focus: HuntFocus;
}

export type Refinement =
  | {
      readonly kind: 'refined';
      readonly checked: CheckedQuery;
      readonly window: HuntWindow;
      readonly focus: HuntFocus;
      /** What changed, in plain words, one line each. */
      readonly changes: readonly string[];
    }
  | { readonly kind: 'not_a_follow_up' }
  | { readonly kind: 'refusal'; readonly reason: string; readonly suggestions: readonly string[] };

const PARENTS = new RegExp(
  [
    '\\b(?:show|list|give|see|what\\s+(?:are|were))\\s+(?:me\\s+)?(?:' +
      'the\\s+|their\\s+)?parents?(?:\\s+process(?:es)?)?\\b',
    '\\bwho\\s+(?:spawned|launched|started)\\s+(?:them|it|those)\\b',
    '\\bparent\\s+processes\\b',
    '\\bby\\s+parent\\b',
  ].join('|'),
  'i',
);
const CHILDREN =
  /\b(?:show|back\s+to)\s+(?:me\s+)?(?:the\s+)?(?:processes|children|child\s+processes)\b/i;
const EXCLUDE = new RegExp(
  [
    '^\\s*(?:(?:and|but|now|ok|okay|please)[\\s,]+)?(?:drop|exclude' +
      '|excluding|without|remove|ignore|hide|filter\\s+out|leave\\s+o' +
      'ut|not|except|skip|no\\s+more)\\b',
  ].join('|'),
  'i',
);
const RESTRICT = new RegExp(
  [
    '^\\s*(?:(?:and|but|now|ok|okay|please)[\\s,]+)?(?:only|just|li' +
      'mit(?:ed)?\\s+(?:it\\s+)?to|restrict(?:ed)?\\s+(?:it\\s+)?to|nar' +
      'row(?:ed)?\\s+(?:it\\s+)?to|focus\\s+on)\\b',
  ].join('|'),
  'i',
);
const INCLUDE = new RegExp(
  [
    '^\\s*(?:(?:and|but|now|ok|okay|please)[\\s,]+)?(?:also(?:\\s+(?' +
      ':include|add|show))?|include|add|plus|and\\s+also|as\\s+well\\s' +
      '+as|what\\s+about)\\b',
  ].join('|'),
  'i',
);
const TIME_ONLY = new RegExp(
  [
    '^\\s*(?:(?:and|but|now|ok|okay|please|what\\s+about|how\\s+abou' +
      't|show|only|just)[\\s,]+)*(?:in\\s+|over\\s+|for\\s+|during\\s+)?' +
      '(?:the\\s+)?(?:last|past|previous|since|today|yesterday|this|' +
      'between)\\b',
  ].join('|'),
  'i',
);

/**
 * Applies a follow-up to the thread's current query by editing its tree: "only on WKS-12"
 * replaces the host condition, "drop svchost" adds (or extends) an exclusion, "also include
 * cmd.exe" widens a list, "last two hours" moves the window, "show the parents" groups the
 * results by parent process. Anything else is not a follow-up and is asked afresh.
 */
export function refineQuery({
  current,
  text,
  now,
}: {
  current: CurrentHunt;
  text: string;
  now: number;
}): Refinement {
  const parsed = parseS1ql(current.query, { dialect: '1.0' });
  if (!parsed.ok) return { kind: 'not_a_follow_up' };

  const changes: string[] = [];
  let focus = current.focus;
  let window = current.window;
  let rest = text;

  const time = extractTimeRange(text, now);
  // Follow-up or new question, a window no hunt may search is refused either way.
  if (time?.kind === 'refused') return timeRangeRefusal(time.reason);
  const timeLed = TIME_ONLY.test(text);
  if (time !== undefined) {
    window = time.window;
    rest = rest.replace(time.matched, ' ');
    changes.push(`window: ${time.window.label}`);
  }
  if (PARENTS.test(rest)) {
    focus = 'parent';
    rest = rest.replace(PARENTS, ' ');
    changes.push('results grouped by parent process');
  } else if (CHILDREN.test(rest) && current.focus === 'parent') {
    focus = 'process';
    rest = rest.replace(CHILDREN, ' ');
    changes.push('results grouped by process again');
  }

  const mode = EXCLUDE.test(rest)
    ? 'exclude'
    : RESTRICT.test(rest)
      ? 'restrict'
      : INCLUDE.test(rest)
        ? 'include'
        : undefined;
  const entities = mode === undefined ? [] : extractEntities(rest).map(positive);

  if (mode === undefined) {
    if (changes.length === 0) return { kind: 'not_a_follow_up' };
    // A new question that happens to name a time ("DNS lookups in the last hour").
    const onlyTime = time !== undefined && focus === current.focus;
    if (onlyTime && (!timeLed || extractEntities(rest).length > 0)) {
      return { kind: 'not_a_follow_up' };
    }
  }
  if (mode !== undefined && entities.length === 0 && changes.length === 0) {
    return {
      kind: 'refusal',
      reason: `nothing in "${text.trim()}" names a program, host, user, address or text to ${mode}`,
      suggestions: ['e.g. "only on WKS-12", "drop svchost", "exclude user svc_backup"'],
    };
  }

  let conjuncts = topLevel(parsed.query.root);
  if (mode !== undefined && entities.length > 0) {
    const additions = composeConditions(current.intent, entities);
    for (const addition of additions) {
      const edit = applyEdit(conjuncts, addition, mode);
      if (edit.kind === 'refusal') return edit;
      conjuncts = edit.conjuncts;
      changes.push(edit.change);
    }
  }

  const checked = checkTree(allOf(conjuncts));
  if (!checked.ok) {
    return {
      kind: 'refusal',
      reason: `the edited query did not validate: ${checked.error.message}`,
      suggestions: ['ask the whole question again in one sentence'],
    };
  }
  return { kind: 'refined', checked: checked.checked, window, focus, changes };
}

function positive(entity: HuntEntity): HuntEntity {
  return 'negated' in entity ? { ...entity, negated: false } : entity;
}

function topLevel(root: S1qlExpr): S1qlExpr[] {
  return root.kind === 'and' ? [...root.operands] : [root];
}

type Edit =
  | { kind: 'edit'; conjuncts: S1qlExpr[]; change: string }
  | { kind: 'refusal'; reason: string; suggestions: readonly string[] };

function fieldOf(node: S1qlExpr): string | undefined {
  return isS1qlPredicate(node) ? node.field.def.v1 : undefined;
}

function valuesOf(node: S1qlPredicate): string[] | undefined {
  if (node.kind === 'inList' && !node.negated && node.match === 'exact') {
    return node.values.map((value) => value.text);
  }
  if (node.kind === 'comparison' && node.comparator === '=') return [node.value.text];
  return undefined;
}

/** The field of an exclusion list: `NOT F In (...)` or its canonical `F Not In (...)`. */
function excludedField(node: S1qlExpr): string | undefined {
  if (node.kind === 'not') return fieldOf(node.operand);
  return node.kind === 'inList' && node.negated ? node.field.def.v1 : undefined;
}

function excludedValues(node: S1qlExpr): string[] | undefined {
  if (node.kind === 'not') {
    return isS1qlPredicate(node.operand) ? valuesOf(node.operand) : undefined;
  }
  if (node.kind === 'inList' && node.negated && node.match === 'exact') {
    return node.values.map((value) => value.text);
  }
  return undefined;
}

function describe(node: S1qlExpr): string {
  if (!isS1qlPredicate(node)) return 'a group of conditions';
  const values = valuesOf(node);
  if (values !== undefined) return `${node.field.def.v1} in (${values.join(', ')})`;
  if ('value' in node && typeof node.value === 'object') {
    return `${node.field.def.v1} ${node.operator.written} "${node.value.text}"`;
  }
  return node.field.def.v1;
}

/**
 * "drop X" when the query already lists the field's values (`TgtProcName In (a, X)`):
 * X leaves the list, since anything the list does not name is already left out, and an
 * exclusion beside it would only repeat that. Undefined when there is no such list.
 */
function dropFromList(
  conjuncts: S1qlExpr[],
  field: string | undefined,
  dropped: string[] | undefined,
): Edit | undefined {
  if (field === undefined || dropped === undefined) return undefined;
  const at = conjuncts.findIndex((node) => {
    return isS1qlPredicate(node) && fieldOf(node) === field && valuesOf(node) !== undefined;
  });
  const listed = conjuncts[at];
  const old = listed !== undefined && isS1qlPredicate(listed) ? valuesOf(listed) : undefined;
  if (old === undefined) return undefined;

  const gone = new Set(dropped.map((value) => value.toLowerCase()));
  const kept = old.filter((value) => !gone.has(value.toLowerCase()));
  if (kept.length === old.length) {
    return {
      kind: 'edit',
      conjuncts,
      change: `unchanged: ${field} in (${old.join(', ')}) already leaves out ${dropped.join(', ')}`,
    };
  }
  if (kept.length === 0) {
    return {
      kind: 'refusal',
      reason: `dropping ${dropped.join(', ')} leaves no ${field} to look for`,
      suggestions: ['ask a new question instead, e.g. "process starts of cmd.exe"'],
    };
  }
  const removed = old.filter((value) => gone.has(value.toLowerCase()));
  return {
    kind: 'edit',
    conjuncts: conjuncts.map((node, i) => (i === at ? inAnycase(field, kept) : node)),
    change: `removed: ${removed.join(', ')} from ${field}`,
  };
}

function applyEdit(
  conjuncts: S1qlExpr[],
  addition: S1qlExpr,
  mode: 'exclude' | 'restrict' | 'include',
): Edit {
  const field = fieldOf(addition);
  const addedValues = isS1qlPredicate(addition) ? valuesOf(addition) : undefined;

  if (mode === 'exclude') {
    const narrowed = dropFromList(conjuncts, field, addedValues);
    if (narrowed !== undefined) return narrowed;
    const at = conjuncts.findIndex(
      (node) => excludedField(node) === field && excludedValues(node) !== undefined,
    );
    const existing = conjuncts[at];
    if (field !== undefined && addedValues !== undefined && existing !== undefined) {
      const old = excludedValues(existing) ?? [];
      const merged = not(inAnycase(field, [...old, ...addedValues]));
      return {
        kind: 'edit',
        conjuncts: conjuncts.map((node, i) => (i === at ? merged : node)),
        change: `excluded: ${field} in (${addedValues.join(', ')})`,
      };
    }
    return {
      kind: 'edit',
      conjuncts: [...conjuncts, not(addition)],
      change: `excluded: ${describe(addition)}`,
    };
  }

  const at = conjuncts.findIndex((node) => field !== undefined && fieldOf(node) === field);
  if (mode === 'restrict') {
    if (at >= 0 && field !== 'EventType') {
      return {
        kind: 'edit',
        conjuncts: conjuncts.map((node, i) => (i === at ? addition : node)),
        change: `now only: ${describe(addition)} (was ${describe(conjuncts[at] as S1qlExpr)})`,
      };
    }
    return {
      kind: 'edit',
      conjuncts: [...conjuncts, addition],
      change: `added: ${describe(addition)}`,
    };
  }

  const existing = conjuncts[at];
  const oldValues =
    existing !== undefined && isS1qlPredicate(existing) ? valuesOf(existing) : undefined;
  if (field === undefined || addedValues === undefined || oldValues === undefined) {
    return {
      kind: 'refusal',
      reason:
        `the query has no list of ${field ?? 'values'} to add to; ` +
        'ask the question again with everything it should include',
      suggestions: ['e.g. "process starts of powershell.exe or cmd.exe on FIN-WS-042"'],
    };
  }
  const widened: S1qlInList = inAnycase(field, [...oldValues, ...addedValues]);
  return {
    kind: 'edit',
    conjuncts: conjuncts.map((node, i) => (i === at ? widened : node)),
    change: `widened: ${field} now also ${addedValues.join(', ')}`,
  };
}
