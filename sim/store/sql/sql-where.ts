export type SqlParam = string | number;

/** Bounds on a timestamp column, in epoch milliseconds. */
export interface TimeRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

const RANGE_OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * A list bound as one JSON parameter. SQLite binds at most 32,766 `?` in a statement, and a
 * filter has many lists; one parameter per list keeps any filter within that, and the SQL
 * text no longer varies with list lengths, so the statement cache keeps working.
 */
const LIST_VALUES = 'SELECT value FROM json_each(?)';

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
    return this.add(`${column}${collate} IN (${LIST_VALUES})`, JSON.stringify(values));
  }

  noneOf(column: string, values: readonly SqlParam[] | undefined, nocase = false): this {
    if (values === undefined || values.length === 0) {
      return this;
    }
    const collate = nocase ? ' COLLATE NOCASE' : '';
    return this.add(`${column}${collate} NOT IN (${LIST_VALUES})`, JSON.stringify(values));
  }

  /** Any of the needles occurs in the column, ignoring case. */
  containsAny(column: string, needles: readonly string[] | undefined): this {
    if (needles === undefined || needles.length === 0) {
      return this;
    }
    const test = `instr(lower(${column}), lower(needle.value)) > 0`;
    return this.add(
      `EXISTS (SELECT 1 FROM json_each(?) AS needle WHERE ${test})`,
      JSON.stringify(needles),
    );
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
