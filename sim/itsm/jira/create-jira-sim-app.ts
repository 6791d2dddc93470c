import type { Context, Hono } from 'hono';

import {
  createItsmSimHono,
  type ItsmSimAppOptions,
  type ItsmSimEnv,
} from '../create-itsm-sim-hono.ts';
import { authenticate, type SimItsmUser } from '../sim-credentials.ts';
import { STATUSES, type StatusKey, statusJson, TRANSITIONS } from './jira-workflow.ts';
import { type JqlClause, type JqlError, parseJql } from './jql.ts';
import { validateAdf } from './validate-adf.ts';

export interface SimIssue {
  id: string;
  key: string;
  project: string;
  issueType: string;
  summary: string;
  description: unknown;
  labels: string[];
  status: StatusKey;
  priority: string;
  created: number;
  comments: { id: string; author: SimItsmUser; body: unknown; created: number }[];
  properties: Record<string, unknown>;
}

export interface JiraSimStore {
  issues: Map<string, SimIssue>;
  projects: { id: string; key: string; issueTypes: string[] }[];
  nextIssueId: number;
  nextCommentId: number;
}

export function createJiraSimStore({
  projects = [{ id: '10000', key: 'SEC', issueTypes: ['Task', 'Incident'] }],
}: {
  projects?: JiraSimStore['projects'];
} = {}): JiraSimStore {
  return { issues: new Map(), projects, nextIssueId: 10001, nextCommentId: 20001 };
}

class JiraFailure extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(messages[0] ?? Object.values(errors)[0] ?? 'error');
  }
}

function jiraError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ errorMessages: [message], errors: {} }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** The fields of a JSM request type: type 10 has labels on its form, the others do not. */
function requestTypeFields(requestTypeId: string): string[] {
  return requestTypeId === '10'
    ? ['summary', 'description', 'labels']
    : ['summary', 'description', 'priority'];
}

/**
 * Jira Cloud REST v3 over an in-memory store: issues with ADF bodies checked like Jira
 * checks them, comments, a workflow that offers only the moves from the current status,
 * `/search/jql` with a JQL subset (the removed `/search` answers 410), issue properties,
 * create metadata, a JSM request endpoint with its own error shape, and auth checks.
 */
export function createJiraSimApp(options: ItsmSimAppOptions<JiraSimStore>): Hono<ItsmSimEnv> {
  const { users, store = createJiraSimStore() } = options;
  const { app, clock, origin } = createItsmSimHono({
    options,
    apiPath: '/rest/*',
    errorResponse: jiraError,
  });

  app.use('/rest/*', async (c, next) => {
    const user = authenticate(users, c.req.header('authorization'));
    if (user === undefined) {
      throw new JiraFailure(401, [
        'You are not authenticated. Authentication required to perform this operation.',
      ]);
    }
    c.set('user', user);
    await next();
  });

  const body = async (c: Context): Promise<Record<string, unknown>> => {
    try {
      const value = await c.req.json();
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // Falls through to the same answer Jira gives for any unreadable body.
    }
    throw new JiraFailure(400, [
      'Unexpected character in the request body; it must be a JSON object.',
    ]);
  };

  const issueOf = (key: string) => {
    const issue = store.issues.get(key.toUpperCase());
    if (issue === undefined) throw new JiraFailure(404, [NOT_FOUND]);
    return issue;
  };

  const requireWrite = (c: Context, what: string) => {
    if ((c.get('user') as SimItsmUser).access !== 'write') {
      throw new JiraFailure(403, [`You do not have permission to ${what}.`]);
    }
  };

  const checkFields = (fields: Record<string, unknown>, creating: boolean) => {
    const errors: Record<string, string> = {};
    const { summary, description, labels } = fields;
    if (creating || summary !== undefined) {
      if (typeof summary !== 'string' || summary.trim() === '') {
        errors.summary = 'You must specify a summary of the issue.';
      } else if (/[\r\n]/.test(summary)) {
        errors.summary = 'The summary is invalid because it contains newline characters.';
      } else if (summary.length > 255) {
        errors.summary = 'Summary must be less than 255 characters.';
      }
    }
    if (description !== undefined && description !== null && validateAdf(description) !== null) {
      errors.description =
        'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    if (labels !== undefined) {
      const bad = Array.isArray(labels)
        ? labels.find(
            (label) => typeof label !== 'string' || /\s/.test(label) || label.length > 255,
          )
        : labels;
      if (bad !== undefined)
        errors.labels = `The label '${String(bad)}' contains spaces which is invalid.`;
    }
    if (Object.keys(errors).length > 0) throw new JiraFailure(400, [], errors);
  };

  const render = (issue: SimIssue, fields?: string) => {
    const all = {
      summary: issue.summary,
      description: issue.description,
      labels: issue.labels,
      status: statusJson(STATUSES[issue.status]),
      priority: { name: issue.priority },
      issuetype: { name: issue.issueType },
      project: { key: issue.project },
      created: new Date(issue.created).toISOString(),
    };
    const wanted = fields === undefined || fields === '*all' ? Object.keys(all) : fields.split(',');
    return {
      id: issue.id,
      key: issue.key,
      self: `${origin}/rest/api/3/issue/${issue.id}`,
      fields: Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name))),
    };
  };

  const createIssue = (fields: Record<string, unknown>): SimIssue => {
    const projectKey = (fields.project as { key?: unknown } | undefined)?.key;
    const project = store.projects.find((candidate) => candidate.key === projectKey);
    if (project === undefined)
      throw new JiraFailure(400, [], { project: 'valid project is required' });
    const typeName = (fields.issuetype as { name?: unknown } | undefined)?.name;
    if (typeof typeName !== 'string' || !project.issueTypes.includes(typeName)) {
      throw new JiraFailure(400, [], { issuetype: 'valid issue type is required' });
    }
    checkFields(fields, true);

    const id = String(store.nextIssueId++);
    const count = [...store.issues.values()].filter(
      (issue) => issue.project === project.key,
    ).length;
    const issue: SimIssue = {
      id,
      key: `${project.key}-${count + 1}`,
      project: project.key,
      issueType: typeName,
      summary: String(fields.summary),
      description: fields.description ?? null,
      labels: (fields.labels as string[] | undefined) ?? [],
      status: 'todo',
      priority: (fields.priority as { name?: string } | undefined)?.name ?? 'Medium',
      created: clock.now(),
      comments: [],
      properties: {},
    };
    store.issues.set(issue.key, issue);
    return issue;
  };

  app.post('/rest/api/3/issue', async (c) => {
    requireWrite(c, 'create issues in this project');
    const { fields } = await body(c);
    const issue = createIssue((fields ?? {}) as Record<string, unknown>);
    return c.json(
      { id: issue.id, key: issue.key, self: `${origin}/rest/api/3/issue/${issue.id}` },
      201,
    );
  });

  app.get('/rest/api/3/issue/createmeta/:project/issuetypes', (c) => {
    const project = store.projects.find((candidate) => candidate.key === c.req.param('project'));
    if (project === undefined) throw new JiraFailure(404, ['No project could be found with key.']);
    const creatable = c.get('user').access === 'write' ? project.issueTypes : [];
    const issueTypes = creatable.map((name, index) => ({ id: String(10001 + index), name }));
    return c.json({ issueTypes, maxResults: 50, startAt: 0, total: issueTypes.length });
  });

  app.get('/rest/api/3/issue/:key', (c) => {
    const issue = issueOf(c.req.param('key'));
    const rendered = render(issue, c.req.query('fields'));
    // `properties` names the issue properties to return with the fields.
    const asked = c.req.query('properties');
    if (asked === undefined) return c.json(rendered);
    const properties = Object.fromEntries(
      asked
        .split(',')
        .filter((name) => name in issue.properties)
        .map((name) => [name, issue.properties[name]]),
    );
    return c.json({ ...rendered, properties });
  });

  app.put('/rest/api/3/issue/:key', async (c) => {
    requireWrite(c, 'edit this issue');
    const issue = issueOf(c.req.param('key'));
    const input = await body(c);
    const fields = (input.fields ?? {}) as Record<string, unknown>;
    const verbs = ((input.update ?? {}) as Record<string, unknown>).labels;
    const labelVerbs = (Array.isArray(verbs) ? verbs : []) as { add?: unknown; remove?: unknown }[];
    if (fields.labels !== undefined && verbs !== undefined) {
      throw new JiraFailure(400, [], {
        labels: 'Field labels cannot be set and updated in the same request.',
      });
    }
    const added = labelVerbs.flatMap((verb) => (verb.add === undefined ? [] : [verb.add]));
    checkFields(added.length === 0 ? fields : { ...fields, labels: added }, false);
    if (typeof fields.summary === 'string') issue.summary = fields.summary;
    if (fields.description !== undefined) issue.description = fields.description;
    if (Array.isArray(fields.labels)) issue.labels = fields.labels as string[];
    for (const verb of labelVerbs) {
      if (typeof verb.add === 'string' && !issue.labels.includes(verb.add))
        issue.labels.push(verb.add);
      if (typeof verb.remove === 'string')
        issue.labels = issue.labels.filter((label) => label !== verb.remove);
    }
    return c.body(null, 204);
  });

  app.get('/rest/api/3/issue/:key/comment', (c) => {
    const issue = issueOf(c.req.param('key'));
    const startAt = Number(c.req.query('startAt') ?? '0');
    const maxResults = Math.min(100, Number(c.req.query('maxResults') ?? '50'));
    const page = issue.comments.slice(startAt, startAt + maxResults);
    return c.json({
      startAt,
      maxResults,
      total: issue.comments.length,
      comments: page.map((comment) => ({
        id: comment.id,
        author: { accountId: comment.author.username, displayName: comment.author.displayName },
        body: comment.body,
        created: new Date(comment.created).toISOString(),
        updated: new Date(comment.created).toISOString(),
        self: `${origin}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      })),
    });
  });

  app.post('/rest/api/3/issue/:key/comment', async (c) => {
    requireWrite(c, 'add comments to this issue');
    const issue = issueOf(c.req.param('key'));
    const { body: document } = await body(c);
    const problem = validateAdf(document);
    if (problem !== null) {
      throw new JiraFailure(400, [], {
        comment: `Comment body is not a valid Atlassian Document: ${problem}`,
      });
    }
    const comment = {
      id: String(store.nextCommentId++),
      author: c.get('user'),
      body: document,
      created: clock.now(),
    };
    issue.comments.push(comment);
    return c.json(
      {
        id: comment.id,
        author: { accountId: comment.author.username, displayName: comment.author.displayName },
        body: document,
        created: new Date(comment.created).toISOString(),
        updated: new Date(comment.created).toISOString(),
        self: `${origin}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      },
      201,
    );
  });

  app.get('/rest/api/3/issue/:key/transitions', (c) => {
    const issue = issueOf(c.req.param('key'));
    const transitions = TRANSITIONS.filter((transition) =>
      transition.from.includes(issue.status),
    ).map((transition) => ({
      id: transition.id,
      name: transition.name,
      hasScreen: false,
      isAvailable: true,
      to: statusJson(STATUSES[transition.to]),
    }));
    return c.json({ transitions });
  });

  app.post('/rest/api/3/issue/:key/transitions', async (c) => {
    requireWrite(c, 'transition this issue');
    const issue = issueOf(c.req.param('key'));
    const id = ((await body(c)).transition as { id?: unknown } | undefined)?.id;
    const transition = TRANSITIONS.find(
      (candidate) => candidate.id === id && candidate.from.includes(issue.status),
    );
    if (transition === undefined) {
      throw new JiraFailure(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
    }
    issue.status = transition.to;
    return c.body(null, 204);
  });

  app.put('/rest/api/3/issue/:key/properties/:property', async (c) => {
    requireWrite(c, 'edit this issue');
    const issue = issueOf(c.req.param('key'));
    const property = c.req.param('property');
    const existed = property in issue.properties;
    issue.properties[property] = await c.req.json().catch(() => {
      throw new JiraFailure(400, ['The property value must be valid JSON.']);
    });
    return c.body(null, existed ? 200 : 201);
  });

  app.get('/rest/api/3/issue/:key/properties/:property', (c) => {
    const issue = issueOf(c.req.param('key'));
    const property = c.req.param('property');
    if (!(property in issue.properties))
      throw new JiraFailure(404, ['The property was not found.']);
    return c.json({ key: property, value: issue.properties[property] });
  });

  const matchesClause = (issue: SimIssue, clause: JqlClause): boolean => {
    const property = /^issue\.property\[([^\]]+)\]\.(.+)$/.exec(clause.field);
    let values: string[];
    if (property !== null) {
      let value: unknown = issue.properties[property[1] ?? ''];
      for (const part of (property[2] ?? '').split('.')) {
        value =
          value !== null && typeof value === 'object'
            ? (value as Record<string, unknown>)[part]
            : undefined;
      }
      values = value === undefined ? [] : [String(value)];
    } else if (clause.field === 'labels') values = issue.labels;
    else if (clause.field === 'project') values = [issue.project];
    else if (clause.field === 'key') values = [issue.key];
    else if (clause.field === 'status') values = [STATUSES[issue.status].name];
    else values = [issue.summary];

    if (clause.op === 'in') return values.some((value) => clause.values.includes(value));
    if (clause.op === '~')
      return values.some((value) => value.toLowerCase().includes(clause.value.toLowerCase()));
    if (clause.op === '=')
      return values.some((value) => value.toLowerCase() === clause.value.toLowerCase());
    return !values.some((value) => value.toLowerCase() === clause.value.toLowerCase());
  };

  const search = (
    c: Context,
    input: { jql?: unknown; fields?: unknown; maxResults?: unknown; nextPageToken?: unknown },
  ) => {
    let query: ReturnType<typeof parseJql>;
    try {
      query = parseJql(typeof input.jql === 'string' ? input.jql : '');
    } catch (error) {
      throw new JiraFailure(400, [(error as JqlError).message]);
    }
    if (query.clauses.length === 0) {
      throw new JiraFailure(400, [
        'Unbounded JQL queries are not allowed here. ' +
          'Please add a search restriction to your query.',
      ]);
    }
    let found = [...store.issues.values()].filter((issue) =>
      query.clauses.every((clause) => matchesClause(issue, clause)),
    );
    found = found.sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
    if (query.orderBy?.descending) found.reverse();
    const start = typeof input.nextPageToken === 'string' ? Number(input.nextPageToken) || 0 : 0;
    const size = Math.min(5000, Math.max(1, Number(input.maxResults ?? 50) || 50));
    const page = found.slice(start, start + size);
    const fields = Array.isArray(input.fields)
      ? input.fields.join(',')
      : (input.fields as string | undefined);
    const isLast = start + size >= found.length;
    return c.json({
      issues: page.map((issue) => render(issue, fields ?? 'summary,status')),
      isLast,
      ...(isLast ? {} : { nextPageToken: String(start + size) }),
    });
  };

  app.post('/rest/api/3/search/jql', async (c) => search(c, await body(c)));
  app.get('/rest/api/3/search/jql', (c) =>
    search(c, {
      jql: c.req.query('jql'),
      fields: c.req.query('fields'),
      maxResults: c.req.query('maxResults'),
      nextPageToken: c.req.query('nextPageToken'),
    }),
  );
  const removed = () => {
    throw new JiraFailure(410, [
      'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.',
    ]);
  };
  app.get('/rest/api/3/search', removed);
  app.post('/rest/api/3/search', removed);

  app.get('/rest/api/3/myself', (c) => {
    const user = c.get('user');
    return c.json({ accountId: user.username, displayName: user.displayName, active: true });
  });

  app.get('/rest/api/3/project/:key', (c) => {
    const project = store.projects.find((candidate) => candidate.key === c.req.param('key'));
    if (project === undefined) {
      throw new JiraFailure(404, [`No project could be found with key '${c.req.param('key')}'.`]);
    }
    return c.json({ id: project.id, key: project.key, name: project.key });
  });

  app.get('/rest/servicedeskapi/servicedesk/:desk/requesttype/:type/field', (c) => {
    if (c.req.param('desk') !== '1') {
      return c.json(
        {
          errorMessage: 'The service desk or request type does not exist.',
          i18nErrorMessage: { i18nKey: 'sd.request.type.not.found', parameters: [] },
        },
        404,
      );
    }
    const fields = requestTypeFields(c.req.param('type')).map((fieldId) => ({
      fieldId,
      name: fieldId,
      required: fieldId === 'summary',
    }));
    return c.json({
      requestTypeFields: fields,
      canRaiseOnBehalfOf: false,
      canAddRequestParticipants: true,
    });
  });

  app.post('/rest/servicedeskapi/request', async (c) => {
    const deskError = (status: number, message: string, key: string) =>
      c.json(
        { errorMessage: message, i18nErrorMessage: { i18nKey: key, parameters: [] } },
        status as 400,
      );
    if (c.get('user').access !== 'write') {
      return deskError(
        403,
        'You do not have permission to raise requests.',
        'sd.request.create.forbidden',
      );
    }
    const input = await body(c);
    const values = (input.requestFieldValues ?? {}) as Record<string, unknown>;
    if (input.serviceDeskId !== '1' || input.requestTypeId === undefined) {
      return deskError(
        404,
        'The service desk or request type does not exist.',
        'sd.request.type.not.found',
      );
    }
    const description = input.isAdfRequest === true ? values.description : undefined;
    const allowed = requestTypeFields(String(input.requestTypeId));
    const unknown = Object.keys(values).find((field) => !allowed.includes(field));
    if (unknown !== undefined) {
      return deskError(
        400,
        `The field '${unknown}' is not valid for this request type.`,
        'sd.request.field.invalid',
      );
    }
    try {
      const issue = createIssue({
        project: { key: store.projects[0]?.key },
        issuetype: { name: store.projects[0]?.issueTypes[0] },
        summary: values.summary,
        description,
        ...(values.labels === undefined ? {} : { labels: values.labels }),
      });
      return c.json(
        {
          issueId: issue.id,
          issueKey: issue.key,
          requestTypeId: String(input.requestTypeId),
          serviceDeskId: '1',
          currentStatus: { status: 'Waiting for support' },
          _links: { web: `${origin}/servicedesk/customer/portal/1/${issue.key}` },
        },
        201,
      );
    } catch (error) {
      if (error instanceof JiraFailure)
        return deskError(400, error.message, 'sd.request.field.invalid');
      throw error;
    }
  });

  app.notFound((c) => c.json({ errorMessages: ['Not found'], errors: {} }, 404));
  app.onError((error, c) => {
    if (error instanceof JiraFailure) {
      return new Response(JSON.stringify({ errorMessages: error.messages, errors: error.errors }), {
        status: error.status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return c.json({ errorMessages: ['Internal server error'], errors: {} }, 500);
  });

  return app;
}
