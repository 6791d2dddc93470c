export type SqlParam = string | number;

/** Bounds on a timestamp column, in epoch milliseconds. */
export interface TimeRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

const RANGE_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Builds a parameterised WHERE clause from optional filters; values never enter the SQL. */
export class SqlWhere {
  private readonly clauses: string[] = [];
  readonly params: SqlParam[] = [];

  add(clause: string, ...params: SqlParam[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** `column IN (...)`; no list means no constraint, an empty list matches nothing. */
  anyOf(column: string, values: readonly SqlParam[] | undefined, nocase = false): this {
    if (values === undefined) {
      return this;
    }
    if (values.length === 0) {
      return this.add('0');
    }
    const collate = nocase ? ' COLLATE NOCASE' : '';
    return this.add(`${column}${collate} IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  noneOf(column: string, values: readonly SqlParam[] | undefined, nocase = false): this {
    if (values === undefined || values.length === 0) {
      return this;
    }
    const collate = nocase ? ' COLLATE NOCASE' : '';
    return this.add(`${column}${collate} NOT IN (${values.map(() => '?').join(', ')})`, ...values);
  }

  /** Any of the needles occurs in the column, ignoring case. */
  containsAny(column: string, needles: readonly string[] | undefined): this {
    if (needles === undefined || needles.length === 0) {
      return this;
    }
    const tests = needles.map(() => `instr(lower(${column}), lower(?)) > 0`);
    return this.add(`(${tests.join(' OR ')})`, ...needles);
  }

  range(column: string, range: TimeRange | undefined): this {
    if (range === undefined) {
      return this;
    }
    for (const key of ['gt', 'gte', 'lt', 'lte'] as const) {
      const value = range[key];
      if (value !== undefined) {
        this.add(`${column} ${RANGE_OPERATORS[key]} ?`, value);
      }
    }
    return this;
  }

  get isEmpty(): boolean {
    return this.clauses.length === 0;
  }

  toSql(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`;
  }
}
