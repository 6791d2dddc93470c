import {
  formatS1ql,
  parseS1ql,
  type S1qlErrorData,
  type S1qlExpr,
  type S1qlQuery,
} from '../../tools/s1ql/index.ts';

/** A query the engine parsed and validated: the only kind a hunt ever runs. */
export interface CheckedQuery {
  /** Canonical S1QL 1.0 text. */
  readonly text: string;
  readonly query: S1qlQuery;
}

export type CheckResult =
  | { readonly ok: true; readonly checked: CheckedQuery }
  | { readonly ok: false; readonly error: S1qlErrorData };

/** Parses and validates S1QL 1.0 or 2.0 text, then puts it in canonical S1QL 1.0 form. */
export function checkQueryText(text: string): CheckResult {
  const parsed = parseS1ql(text);
  if (!parsed.ok) return parsed;
  return checkTree(parsed.query.root);
}

/**
 * Formats a tree (built or edited by casebook) and parses the text back, so the result has
 * real positions and went through exactly the checks a hunter's own query would.
 */
export function checkTree(root: S1qlExpr): CheckResult {
  const text = formatS1ql(root);
  const parsed = parseS1ql(text, { dialect: '1.0' });
  if (!parsed.ok) return parsed;
  return { ok: true, checked: { text, query: parsed.query } };
}
