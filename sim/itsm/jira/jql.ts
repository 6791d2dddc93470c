export type JqlClause =
  | { field: string; op: '=' | '!=' | '~'; value: string }
  | { field: string; op: 'in'; values: string[] };

export interface JqlQuery {
  clauses: JqlClause[];
  orderBy: { field: string; descending: boolean } | null;
}

export class JqlError extends Error {}

const TOKEN = /\s*(?:"((?:[^"\\]|\\.)*)"|(!=|=|~|\(|\)|,)|([A-Za-z0-9_.[\]-]+))/y;

function tokens(text: string): { kind: 'string' | 'op' | 'word'; value: string }[] {
  const out: { kind: 'string' | 'op' | 'word'; value: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null)
      throw new JqlError(`Error in the JQL Query: unexpected character at ${start}.`);
    if (match[1] !== undefined)
      out.push({ kind: 'string', value: match[1].replace(/\\(.)/g, '$1') });
    else if (match[2] !== undefined) out.push({ kind: 'op', value: match[2] });
    else out.push({ kind: 'word', value: match[3] ?? '' });
  }
  return out;
}

const FIELD =
  /^(project|labels|summary|status|key|issue\.property\[[A-Za-z0-9_.-]+\]\.[A-Za-z0-9_.]+)$/;

/**
 * The JQL the simulator answers: clauses joined by AND over project, labels, summary
 * (`~` contains), status, key and `issue.property[name].path`, with `=`, `!=`, `~`, `in`,
 * and one ORDER BY. Jira refuses a query with no restriction on the new search endpoint.
 */
export function parseJql(text: string): JqlQuery {
  const list = tokens(text);
  const query: JqlQuery = { clauses: [], orderBy: null };
  let i = 0;
  const next = () => list[i++];

  while (i < list.length) {
    const head = list[i];
    if (head?.kind === 'word' && head.value.toUpperCase() === 'ORDER') {
      i += 1;
      if (next()?.value.toUpperCase() !== 'BY')
        throw new JqlError('Error in the JQL Query: expected BY.');
      const field = next();
      const direction = list[i]?.value.toUpperCase();
      if (direction === 'ASC' || direction === 'DESC') i += 1;
      query.orderBy = { field: field?.value ?? 'created', descending: direction === 'DESC' };
      break;
    }
    if (query.clauses.length > 0) {
      if (head?.value.toUpperCase() !== 'AND') {
        throw new JqlError(`Error in the JQL Query: expecting AND but got '${head?.value}'.`);
      }
      i += 1;
    }
    const field = next();
    if (field === undefined || field.kind !== 'word' || !FIELD.test(field.value)) {
      throw new JqlError(
        `Field '${field?.value ?? ''}' does not exist or you do not have permission to view it.`,
      );
    }
    const op = next();
    if (op?.kind === 'word' && op.value.toLowerCase() === 'in') {
      if (next()?.value !== '(') throw new JqlError('Error in the JQL Query: expected (.');
      const values: string[] = [];
      for (let item = next(); item !== undefined && item.value !== ')'; item = next()) {
        if (item.value !== ',') values.push(item.value);
      }
      query.clauses.push({ field: field.value, op: 'in', values });
      continue;
    }
    if (op === undefined || op.kind !== 'op' || !['=', '!=', '~'].includes(op.value)) {
      throw new JqlError(`Error in the JQL Query: expected an operator after '${field.value}'.`);
    }
    const value = next();
    if (value === undefined || value.kind === 'op') {
      throw new JqlError(
        `Error in the JQL Query: expected a value after '${field.value} ${op.value}'.`,
      );
    }
    query.clauses.push({
      field: field.value,
      op: op.value as '=' | '!=' | '~',
      value: value.value,
    });
  }

  return query;
}
