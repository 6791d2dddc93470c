import type { Context, Hono } from 'hono';

import {
  createItsmSimHono,
  type ItsmSimAppOptions,
  type ItsmSimEnv,
} from '../create-itsm-sim-hono.ts';
import { authenticate, type SimItsmUser } from '../sim-credentials.ts';
import { matches, parseEncodedQuery } from './encoded-query.ts';
import { computePriority } from './priority-matrix.ts';
import {
  createServiceNowSimStore,
  JOURNAL_FIELDS,
  REFERENCE_FIELDS,
  type ServiceNowSimStore,
  type SnRow,
} from './servicenow-sim-store.ts';

const TASK_TABLES = new Set(['incident', 'sn_si_incident']);
const RESOLVED = '6';
const FINAL_STATES = new Set(['7', '8']);

function errorBody(message: string, detail: string | null = null) {
  return { error: { message, detail }, status: 'failure' };
}

function snError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(message, null)), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

class SnFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: string | null = null,
  ) {
    super(message);
  }
}

function glideTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A ServiceNow instance's Table API over an in-memory store: incidents (and security
 * incidents) with string values, reference fields as `{link, value}`, priority computed
 * from impact and urgency, journal fields that append to `sys_journal_field`, the
 * resolution data policy, Basic and Bearer auth, and the real error body.
 */
export function createServiceNowSimApp(
  options: ItsmSimAppOptions<ServiceNowSimStore>,
): Hono<ItsmSimEnv> {
  const { users, store = createServiceNowSimStore() } = options;
  const { app, clock, origin } = createItsmSimHono({
    options,
    apiPath: '/api/*',
    errorResponse: snError,
  });

  app.use('/api/*', async (c, next) => {
    const user = authenticate(users, c.req.header('authorization'));
    if (user === undefined) {
      return c.json(
        errorBody('User Not Authenticated', 'Required to provide Auth information'),
        401,
      );
    }
    c.set('user', user);
    const writes = c.req.method !== 'GET';
    if (writes && !(c.req.header('content-type') ?? '').includes('application/json')) {
      return c.json(
        errorBody('Invalid content type', 'Content-Type must be application/json'),
        400,
      );
    }
    await next();
  });

  const table = (name: string) => {
    const rows = store.tables.get(name);
    if (rows === undefined) throw new SnFailure(400, `Invalid table ${name}`);
    return rows;
  };

  const present = (c: Context, tableName: string, row: SnRow): Record<string, unknown> => {
    const fields = c.req.query('sysparm_fields');
    const plainRefs = c.req.query('sysparm_exclude_reference_link') === 'true';
    // Journal fields read back empty; their entries live in sys_journal_field.
    const journalFields = TASK_TABLES.has(tableName) ? JOURNAL_FIELDS : [];
    const wanted =
      fields === undefined
        ? [...Object.keys(row), ...journalFields]
        : fields.split(',').filter(Boolean);
    const out: Record<string, unknown> = {};
    for (const field of wanted) {
      if (!(field in row) && !(journalFields as readonly string[]).includes(field)) continue;
      const value = row[field] ?? '';
      const target = REFERENCE_FIELDS[field];
      out[field] =
        target !== undefined && value !== '' && !plainRefs && TASK_TABLES.has(tableName)
          ? { link: `${origin}/api/now/table/${target}/${value}`, value }
          : value;
    }
    return out;
  };

  const readValues = async (c: Context): Promise<Record<string, string>> => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new SnFailure(400, 'Exception while reading request', 'The payload is not valid JSON.');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new SnFailure(400, 'Exception while reading request', 'The payload must be an object.');
    }
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      values[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    return values;
  };

  const resolveReferences = (c: Context, values: Record<string, string>) => {
    const byDisplay = c.req.query('sysparm_input_display_value') === 'true';
    const group = values.assignment_group;
    if (group === undefined || group === '') return;
    const groups = table('sys_user_group');
    if (byDisplay) {
      const found = [...groups.values()].find((row) => row.name === group);
      values.assignment_group = found?.sys_id ?? '';
    } else if (!groups.has(group)) {
      // The instance keeps an invalid reference as empty rather than failing the insert.
      values.assignment_group = '';
    }
  };

  const journal = (row: SnRow, values: Record<string, string>, user: SimItsmUser) => {
    for (const field of JOURNAL_FIELDS) {
      const text = values[field];
      delete values[field];
      if (text === undefined || text.trim() === '') continue;
      const sysId = store.nextId(`journal:${row.sys_id}`);
      table('sys_journal_field').set(sysId, {
        sys_id: sysId,
        element: field,
        element_id: row.sys_id ?? '',
        name: row.sys_class_name ?? 'incident',
        value: text,
        sys_created_by: user.username,
        sys_created_on: glideTime(clock.now()),
      });
    }
  };

  const applyPolicies = (before: SnRow | null, after: SnRow) => {
    if (before !== null && FINAL_STATES.has(before.state ?? '') && before.state !== after.state) {
      throw new SnFailure(
        403,
        'Operation Failed',
        'Data Policy Exception: a closed or canceled incident cannot change state',
      );
    }
    if (after.state === RESOLVED && (!after.close_code || !after.close_notes)) {
      throw new SnFailure(
        403,
        'Operation Failed',
        'Data Policy Exception: The following fields are mandatory: ' +
          'Resolution code, Resolution notes',
      );
    }
    after.incident_state = after.state ?? '1';
    after.priority = computePriority(after.impact ?? '3', after.urgency ?? '3');
  };

  const requireWrite = (user: SimItsmUser, tableName: string) => {
    if (user.access !== 'write') {
      throw new SnFailure(
        403,
        'Operation Failed',
        `ACL Exception Insert Failed due to security constraints on ${tableName}`,
      );
    }
  };

  app.get('/api/now/table/:table', (c) => {
    const name = c.req.param('table');
    const rows = [...table(name).values()];
    let query: ReturnType<typeof parseEncodedQuery>;
    try {
      query = parseEncodedQuery(c.req.query('sysparm_query'));
    } catch (error) {
      throw new SnFailure(400, (error as Error).message);
    }
    let found = rows.filter((row) =>
      query.conditions.every((condition) => matches(row, condition)),
    );
    for (const order of [...query.orderBy].reverse()) {
      found = found.sort((a, b) => {
        const compared = (a[order.field] ?? '').localeCompare(b[order.field] ?? '');
        return order.descending ? -compared : compared;
      });
    }
    const offset = Number(c.req.query('sysparm_offset') ?? '0');
    const limit = Number(c.req.query('sysparm_limit') ?? '10000');
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
      throw new SnFailure(400, 'Invalid paging parameter');
    }
    c.header('X-Total-Count', String(found.length));
    return c.json({
      result: found.slice(offset, offset + limit).map((row) => present(c, name, row)),
    });
  });

  app.get('/api/now/table/:table/:sysId', (c) => {
    const name = c.req.param('table');
    const row = table(name).get(c.req.param('sysId'));
    if (row === undefined) {
      throw new SnFailure(
        404,
        'No Record found',
        "Record doesn't exist or ACL restricts the record retrieval",
      );
    }
    return c.json({ result: present(c, name, row) });
  });

  app.post('/api/now/table/:table', async (c) => {
    const name = c.req.param('table');
    const rows = table(name);
    requireWrite(c.get('user'), name);
    if (!TASK_TABLES.has(name)) throw new SnFailure(403, 'Operation Failed', 'Insert not allowed');

    const values = await readValues(c);
    delete values.priority;
    delete values.sys_id;
    delete values.number;
    resolveReferences(c, values);
    const now = glideTime(clock.now());
    const sysId = store.nextId(`incident:${values.short_description ?? ''}`);
    const prefix = name === 'incident' ? 'INC' : 'SIR';
    const row: SnRow = {
      sys_id: sysId,
      number: `${prefix}${String(store.nextNumber).padStart(7, '0')}`,
      state: '1',
      impact: '3',
      urgency: '3',
      category: 'inquiry',
      short_description: '',
      description: '',
      correlation_id: '',
      correlation_display: '',
      assignment_group: '',
      contact_type: 'phone',
      close_code: '',
      close_notes: '',
      opened_by: '',
      sys_class_name: name,
      sys_created_on: now,
      sys_updated_on: now,
      ...values,
    };
    store.nextNumber += 1;
    journal(row, row, c.get('user'));
    applyPolicies(null, row);
    rows.set(sysId, row);

    c.header('Location', `${origin}/api/now/table/${name}/${sysId}`);
    return c.json({ result: present(c, name, row) }, 201);
  });

  const update = async (c: Context) => {
    const name = c.req.param('table') ?? '';
    const rows = table(name);
    requireWrite(c.get('user'), name);
    const current = rows.get(c.req.param('sysId') ?? '');
    if (current === undefined) {
      throw new SnFailure(
        404,
        'No Record found',
        "Record doesn't exist or ACL restricts the record retrieval",
      );
    }
    const values = await readValues(c);
    for (const field of ['priority', 'sys_id', 'number', 'sys_created_on']) delete values[field];
    resolveReferences(c, values);
    const next: SnRow = { ...current };
    journal(current, values, c.get('user'));
    Object.assign(next, values, { sys_updated_on: glideTime(clock.now()) });
    applyPolicies(current, next);
    rows.set(current.sys_id ?? '', next);

    return c.json({ result: present(c, name, next) });
  };
  app.patch('/api/now/table/:table/:sysId', update);
  app.put('/api/now/table/:table/:sysId', update);

  app.notFound((c) => c.json(errorBody('Requested URI does not represent any resource'), 400));
  app.onError((error, c) => {
    if (error instanceof SnFailure) {
      return new Response(JSON.stringify(errorBody(error.message, error.detail)), {
        status: error.status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return c.json(errorBody('Internal server error'), 500);
  });

  return app;
}
