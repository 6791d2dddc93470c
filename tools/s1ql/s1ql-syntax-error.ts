import { CasebookError } from '../../lib/casebook-error.ts';
import type { S1qlSpan } from './ast.ts';

/** A query problem as plain data, pointing at the offending text. */
export interface S1qlErrorData {
  /** `line L, column C: <reason>`, ready to show to the analyst. */
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  /** 0-based offset into the query text. */
  readonly offset: number;
  /** Length of the offending text; 0 at the end of the query. */
  readonly length: number;
  /** What would have been accepted here, when that is a short list. */
  readonly expected?: readonly string[];
}

export interface S1qlProblem {
  /** The explanation without the position prefix. */
  readonly reason: string;
  readonly at: S1qlSpan;
  readonly expected?: readonly string[];
}

/** The query the user (or a model on the user's behalf) wrote is not valid S1QL. */
export class S1qlSyntaxError extends CasebookError {
  override readonly fault = 'user';
  override readonly code = 'S1QL_INVALID';
  readonly data: S1qlErrorData;
  readonly reason: string;

  constructor(problem: S1qlProblem) {
    const { at, reason, expected } = problem;
    const message = `line ${at.line}, column ${at.column}: ${reason}`;
    super(message);
    this.reason = reason;
    this.data = {
      message,
      line: at.line,
      column: at.column,
      offset: at.start,
      length: at.end - at.start,
      ...(expected === undefined ? {} : { expected: [...expected] }),
    };
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), ...this.data };
  }
}
