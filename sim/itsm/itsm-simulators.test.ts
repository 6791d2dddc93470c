import { describe, expect, it } from 'vitest';

import { createJiraSimApp } from './jira/create-jira-sim-app.ts';
import { parseJql } from './jira/jql.ts';
import { validateAdf } from './jira/validate-adf.ts';
import { createItsmSimControl } from './realism/itsm-realism.ts';
import { createServiceNowSimApp } from './servicenow/create-servicenow-sim-app.ts';
import { computePriority } from './servicenow/priority-matrix.ts';
import type { SimItsmUser } from './sim-credentials.ts';

const user: SimItsmUser = {
  username: 'svc',
  secret: 's3cret',
  bearer: 'tok-1',
  displayName: 'Svc',
  access: 'write',
};
const basic = `Basic ${Buffer.from('svc:s3cret').toString('base64')}`;

async function call(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
  authorization = basic,
) {
  const response = await app.request(path, {
    method,
    headers: {
      Authorization: authorization,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? null : JSON.parse(text),
  };
}

describe('the ServiceNow simulator', () => {
  it('computes priority from the impact × urgency matrix', () => {
    const table = ['1', '2', '3'].flatMap((impact) =>
      ['1', '2', '3'].map((urgency) => computePriority(impact, urgency)),
    );
    expect(table).toEqual(['1', '2', '3', '2', '3', '4', '3', '4', '5']);
  });

  it('stores strings, returns references as {link, value}, ignores priority', async () => {
    const app = createServiceNowSimApp({ users: [user] });
    const groups = await call(
      app,
      'GET',
      '/api/now/table/sys_user_group?sysparm_query=name=Service%20Desk',
    );
    const group = groups.json.result[0].sys_id;

    const created = await call(app, 'POST', '/api/now/table/incident', {
      short_description: 'x',
      impact: 1,
      urgency: '3',
      priority: '1',
      assignment_group: group,
    });

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/api\/now\/table\/incident\/[0-9a-f]{32}$/);
    expect(created.json.result).toMatchObject({
      impact: '1',
      urgency: '3',
      priority: '3',
      state: '1',
      number: 'INC0010001',
      assignment_group: { value: group, link: expect.stringContaining(`/sys_user_group/${group}`) },
    });
  });

  it('answers in its own error shape: auth, missing record, data policy, bad query', async () => {
    const app = createServiceNowSimApp({ users: [user] });
    const created = await call(app, 'POST', '/api/now/table/incident', { short_description: 'x' });
    const sysId = created.json.result.sys_id;

    const anonymous = await call(app, 'GET', '/api/now/table/incident', undefined, 'Basic eDp5');
    const missing = await call(app, 'GET', `/api/now/table/incident/${'0'.repeat(32)}`);
    const resolve = await call(app, 'PATCH', `/api/now/table/incident/${sysId}`, { state: '6' });
    const query = await call(app, 'GET', '/api/now/table/incident?sysparm_query=numberBETWEEN1');

    expect([anonymous.status, anonymous.json]).toEqual([
      401,
      {
        error: {
          message: 'User Not Authenticated',
          detail: 'Required to provide Auth information',
        },
        status: 'failure',
      },
    ]);
    expect([missing.status, missing.json.error.message]).toEqual([404, 'No Record found']);
    expect([resolve.status, resolve.json.error.detail]).toEqual([
      403,
      'Data Policy Exception: The following fields are mandatory: ' +
        'Resolution code, Resolution notes',
    ]);
    expect([query.status, query.json.status]).toEqual([400, 'failure']);
  });

  it('appends work notes to the journal and accepts a bearer token', async () => {
    const app = createServiceNowSimApp({ users: [user] });
    const created = await call(
      app,
      'POST',
      '/api/now/table/incident',
      { short_description: 'x' },
      'Bearer tok-1',
    );
    const sysId = created.json.result.sys_id;

    const patched = await call(app, 'PATCH', `/api/now/table/incident/${sysId}`, {
      work_notes: 'hello',
    });
    const journal = await call(
      app,
      'GET',
      '/api/now/table/sys_journal_field' +
        `?sysparm_query=element_id=${sysId}^elementINwork_notes,comments`,
    );

    expect(patched.json.result.work_notes).toBe('');
    expect(
      journal.json.result.map((entry: { value: string; element: string }) => [
        entry.element,
        entry.value,
      ]),
    ).toEqual([['work_notes', 'hello']]);
  });

  it('answers 429 with Retry-After once the rate limit is spent', async () => {
    const app = createServiceNowSimApp({
      users: [user],
      realism: { rateLimit: { rps: 0.01, burst: 1 } },
    });

    const first = await call(app, 'GET', '/api/now/table/incident');
    const second = await call(app, 'GET', '/api/now/table/incident');

    expect(first.status).toBe(200);
    expect([second.status, second.headers.get('retry-after'), second.json.error.message]).toEqual([
      429,
      '100',
      'Rate limit exceeded',
    ]);
  });
});

describe('the Jira simulator', () => {
  const adf = (text: string) => ({
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
  });

  it('offers only the transitions of the current status', async () => {
    const app = createJiraSimApp({ users: [user] });
    await call(app, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'SEC' },
        issuetype: { name: 'Task' },
        summary: 's',
        description: adf('d'),
      },
    });

    const open = await call(app, 'GET', '/rest/api/3/issue/SEC-1/transitions');
    const reopen = await call(app, 'POST', '/rest/api/3/issue/SEC-1/transitions', {
      transition: { id: '41' },
    });
    const done = await call(app, 'POST', '/rest/api/3/issue/SEC-1/transitions', {
      transition: { id: '21' },
    });
    const after = await call(app, 'GET', '/rest/api/3/issue/SEC-1/transitions');

    expect(open.json.transitions.map((t: { name: string }) => t.name)).toEqual([
      'Start Progress',
      'Done',
    ]);
    expect([reopen.status, reopen.json.errorMessages]).toEqual([
      400,
      ["Transition id '41' is not valid for this issue."],
    ]);
    expect(done.status).toBe(204);
    expect(
      after.json.transitions.map(
        (t: { to: { statusCategory: { key: string } } }) => t.to.statusCategory.key,
      ),
    ).toEqual(['new']);
  });

  it('rejects malformed ADF and bad fields with the platform error shape', async () => {
    const app = createJiraSimApp({ users: [user] });
    const base = { project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: 's' };

    const wiki = await call(app, 'POST', '/rest/api/3/issue', {
      fields: { ...base, description: 'h1. wiki text' },
    });
    const empty = await call(app, 'POST', '/rest/api/3/issue', {
      fields: { ...base, description: adf('') },
    });
    const lines = await call(app, 'POST', '/rest/api/3/issue', {
      fields: { ...base, summary: 'a\nb', labels: ['a b'] },
    });

    expect([wiki.status, Object.keys(wiki.json.errors)]).toEqual([400, ['description']]);
    expect(empty.status).toBe(400);
    expect(lines.json).toEqual({
      errorMessages: [],
      errors: {
        summary: 'The summary is invalid because it contains newline characters.',
        labels: "The label 'a b' contains spaces which is invalid.",
      },
    });
  });

  it('searches with JQL on /search/jql only, and refuses unbounded queries', async () => {
    const app = createJiraSimApp({ users: [user] });
    const fields = {
      project: { key: 'SEC' },
      issuetype: { name: 'Task' },
      summary: 'Credential dump',
    };
    await call(app, 'POST', '/rest/api/3/issue', {
      fields: { ...fields, labels: ['casebook-a-1'] },
    });
    await call(app, 'POST', '/rest/api/3/issue', { fields: { ...fields, summary: 'other' } });
    await call(app, 'PUT', '/rest/api/3/issue/SEC-2/properties/casebook', { correlationKey: 'k2' });

    const byLabel = await call(app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = SEC AND labels = "casebook-a-1"',
    });
    const byProperty = await call(app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = SEC AND issue.property[casebook].correlationKey = "k2"',
    });
    const bySummary = await call(
      app,
      'GET',
      '/rest/api/3/search/jql?jql=summary%20~%20%22credential%22',
    );
    const unbounded = await call(app, 'POST', '/rest/api/3/search/jql', {
      jql: 'ORDER BY created DESC',
    });
    const old = await call(app, 'POST', '/rest/api/3/search', { jql: 'project = SEC' });

    expect(byLabel.json.issues.map((i: { key: string }) => i.key)).toEqual(['SEC-1']);
    expect(byProperty.json.issues.map((i: { key: string }) => i.key)).toEqual(['SEC-2']);
    expect(bySummary.json).toMatchObject({ isLast: true, issues: [{ key: 'SEC-1' }] });
    expect(unbounded.json.errorMessages[0]).toMatch(/^Unbounded JQL queries are not allowed here/);
    expect(old.status).toBe(410);
  });

  it('answers with the Service Management error shape on the request API', async () => {
    const app = createJiraSimApp({ users: [user] });

    const bad = await call(app, 'POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '9',
      requestTypeId: '1',
    });
    const good = await call(app, 'POST', '/rest/servicedeskapi/request', {
      serviceDeskId: '1',
      requestTypeId: '10',
      isAdfRequest: true,
      requestFieldValues: { summary: 'help', description: adf('body') },
    });

    expect(bad.json).toEqual({
      errorMessage: 'The service desk or request type does not exist.',
      i18nErrorMessage: { i18nKey: 'sd.request.type.not.found', parameters: [] },
    });
    expect(good.json).toMatchObject({ issueKey: 'SEC-1', serviceDeskId: '1' });
  });

  it('goes down and comes back when a test says so', async () => {
    const control = createItsmSimControl();
    const app = createJiraSimApp({ users: [user], control });

    control.down = true;
    const down = await call(app, 'GET', '/rest/api/3/myself');
    control.down = false;
    const up = await call(app, 'GET', '/rest/api/3/myself');

    expect([down.status, down.headers.get('retry-after'), down.json.errorMessages]).toEqual([
      503,
      '1',
      ['Service Unavailable'],
    ]);
    expect(up.status).toBe(200);
  });
});

describe('the simulators’ parsers', () => {
  it('reads the JQL the client sends', () => {
    expect(parseJql('project = "SEC" AND labels = "casebook-acme-1" ORDER BY created ASC')).toEqual(
      {
        clauses: [
          { field: 'project', op: '=', value: 'SEC' },
          { field: 'labels', op: '=', value: 'casebook-acme-1' },
        ],
        orderBy: { field: 'created', descending: false },
      },
    );
    expect(() => parseJql('project = SEC OR labels = x')).toThrow(/expecting AND/);
  });

  it('rejects ADF Jira would reject', () => {
    expect(
      validateAdf({ type: 'doc', version: 1, content: [{ type: 'text', text: 'x' }] }),
    ).toMatch(/not a block node/);
    expect(
      validateAdf({
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }, { type: 'strong' }] }],
          },
        ],
      }),
    ).toMatch(/code mark cannot be combined/);
    expect(validateAdf({ type: 'doc', version: 2, content: [] })).toMatch(/version 1/);
  });
});
