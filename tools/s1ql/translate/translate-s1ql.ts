import { isS1qlPredicate, type S1qlDialect, type S1qlExpr } from '../ast.ts';
import { formatS1ql } from '../format/format-s1ql.ts';
import { S1qlFormatError } from '../format/s1ql-format-error.ts';
import { parseS1ql, type S1qlInputDialect } from '../parse-s1ql.ts';
import type { S1qlErrorData } from '../s1ql-syntax-error.ts';

export type S1qlTranslation =
  | {
      readonly ok: true;
      readonly from: S1qlDialect;
      readonly to: S1qlDialect;
      readonly text: string;
      /** How the written form changed where the target has no word for the source's. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly error: S1qlErrorData | { readonly message: string } };

/**
 * Rewrites a query in the other S1QL dialect, meaning for meaning. Everything both engines
 * express is translated exactly (2.0 `=` becomes 1.0 `In Anycase`, 1.0 `StartsWith` a
 * 2.0 anchored `matches`); a value one dialect cannot spell is an error naming it, never
 * an approximation.
 */
export function translateS1ql({
  text,
  to,
  from = 'auto',
}: {
  text: string;
  to: '1.0' | '2.0';
  from?: S1qlInputDialect;
}): S1qlTranslation {
  const parsed = parseS1ql(text, { dialect: from });
  if (!parsed.ok) return parsed;

  const target: S1qlDialect = to === '2.0' ? 's1ql-2.0' : 's1ql-1.0';
  try {
    const written = formatS1ql(parsed.query, { dialect: to });
    const notes = notesFor(parsed.query.root, target);
    return { ok: true, from: parsed.query.dialect, to: target, text: written, notes };
  } catch (error) {
    if (error instanceof S1qlFormatError) return { ok: false, error: { message: error.message } };
    throw error;
  }
}

function notesFor(root: S1qlExpr, target: S1qlDialect): string[] {
  const notes = new Set<string>();
  visit(root, (node) => {
    if (!isS1qlPredicate(node)) {
      if ((node.kind === 'and' || node.kind === 'or') && node.fieldGroup !== undefined) {
        notes.add(`${node.fieldGroup} names several fields; each is written out`);
      }
      return;
    }
    const def = node.field.def;
    if (target === 's1ql-2.0') {
      if (node.kind === 'stringMatch' && node.mode !== 'contains') {
        notes.add(`${node.operator.written} is written as matches with an RE2 pattern`);
      }
      if (node.kind === 'between') notes.add('Between is written as >= and <=');
      if (node.kind === 'isEmpty') notes.add(`${node.operator.written} is written with = *`);
      if (node.kind === 'isBoolean')
        notes.add(`${node.operator.written} is written as = true/false`);
    } else if (node.kind === 'comparison' && node.caseInsensitive && def.type === 'string') {
      notes.add('2.0 = ignores case; 1.0 says so with In Anycase');
    } else if (node.kind === 'exists' && node.operator.written === '= *') {
      notes.add('= * is written as Exists');
    }
  });
  return [...notes];
}

function visit(node: S1qlExpr, see: (node: S1qlExpr) => void): void {
  see(node);
  if (node.kind === 'not') visit(node.operand, see);
  else if (!isS1qlPredicate(node)) for (const operand of node.operands) visit(operand, see);
}
