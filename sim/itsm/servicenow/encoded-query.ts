export type Condition =
  | { field: string; op: '=' | '!=' | 'LIKE' | 'STARTSWITH'; value: string }
  | { field: string; op: 'IN'; values: string[] };

export interface EncodedQuery {
  conditions: Condition[];
  orderBy: { field: string; descending: boolean }[];
}

const OPERATORS = ['!=', 'STARTSWITH', 'LIKE', 'IN', '='] as const;

/**
 * The subset of ServiceNow encoded queries the simulator understands: `^`-joined
 * conditions with `=`, `!=`, `LIKE`, `STARTSWITH`, `IN`, plus `ORDERBY` and
 * `ORDERBYDESC`. Anything else is an error, as an unknown operator is on an instance.
 */
export function parseEncodedQuery(text: string | undefined): EncodedQuery {
  const query: EncodedQuery = { conditions: [], orderBy: [] };
  if (text === undefined || text.trim() === '') return query;

  for (const part of text.split('^')) {
    if (part === '') continue;
    if (part.startsWith('ORDERBYDESC')) {
      query.orderBy.push({ field: part.slice(11), descending: true });
      continue;
    }
    if (part.startsWith('ORDERBY')) {
      query.orderBy.push({ field: part.slice(7), descending: false });
      continue;
    }
    const match = /^([a-z_][a-z0-9_.]*)(.*)$/.exec(part);
    const rest = match?.[2] ?? '';
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (match === null || op === undefined) throw new Error(`Invalid query condition: ${part}`);
    const value = rest.slice(op.length);
    const field = match[1] ?? '';
    query.conditions.push(
      op === 'IN' ? { field, op, values: value.split(',') } : { field, op, value },
    );
  }

  return query;
}

export function matches(row: Record<string, string>, condition: Condition): boolean {
  const actual = row[condition.field] ?? '';
  if (condition.op === 'IN') return condition.values.includes(actual);
  if (condition.op === '=') return actual === condition.value;
  if (condition.op === '!=') return actual !== condition.value;
  if (condition.op === 'STARTSWITH') return actual.startsWith(condition.value);
  return actual.toLowerCase().includes(condition.value.toLowerCase());
}
