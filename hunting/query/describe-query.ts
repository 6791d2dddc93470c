import { explainS1ql, lintS1ql, parseS1ql } from '../../tools/s1ql/index.ts';

export interface LintWarning {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Says in words what a checked query matches, and what about it is slow or likely wrong. */
export interface QueryDescriber {
  explain(query: string): string;
  lint(query: string): LintWarning[];
}

/** The S1QL engine's explainer and linter over canonical query text. */
export const s1qlDescriber: QueryDescriber = {
  explain(query) {
    const parsed = parseS1ql(query, { dialect: '1.0' });
    return parsed.ok ? explainS1ql(parsed.query) : parsed.error.message;
  },
  lint(query) {
    const parsed = parseS1ql(query, { dialect: '1.0' });
    if (!parsed.ok) return [];
    return lintS1ql(parsed.query).map((warning) => ({
      message: warning.message,
      line: warning.span.line,
      column: warning.span.column,
    }));
  },
};
