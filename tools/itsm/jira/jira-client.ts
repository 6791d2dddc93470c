import type { z } from 'zod';

import { type ItsmClientOptions, transportFor } from '../http/create-itsm-transport-for.ts';
import { ItsmApiError } from '../itsm-api-error.ts';
import type { AdfDocument } from './adf.ts';
import {
  CommentPage,
  CommentShape,
  CreatedIssue,
  CreatedRequest,
  CreateMetaIssueTypes,
  IssueShape,
  Myself,
  ProjectShape,
  RequestTypeFields,
  readJiraError,
  SearchResult,
  TransitionList,
} from './jira-schemas.ts';

const API = '/rest/api/3';

function key(issueKey: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(issueKey)) {
    throw new ItsmApiError({
      system: 'jira',
      kind: 'rejected',
      method: 'GET',
      path: `${API}/issue`,
      detail: 'an issue key casebook would not send',
    });
  }
  return encodeURIComponent(issueKey);
}

/** The Jira Cloud REST v3 (and JSM request) calls casebook makes, typed and checked. */
export interface JiraClient {
  createIssue(input: {
    fields: Record<string, unknown>;
    signal?: AbortSignal;
  }): Promise<z.infer<typeof CreatedIssue>>;
  createRequest(input: {
    serviceDeskId: string;
    requestTypeId: string;
    summary: string;
    description: AdfDocument;
    /** Only for a request type that has the labels field. */
    labels?: string[];
    signal?: AbortSignal;
  }): Promise<z.infer<typeof CreatedRequest>>;
  /** The field ids a JSM request type accepts in `requestFieldValues`. */
  requestTypeFieldIds(input: {
    serviceDeskId: string;
    requestTypeId: string;
    signal?: AbortSignal;
  }): Promise<string[]>;
  /** `properties`: the issue properties to return along with the fields. */
  getIssue(input: {
    key: string;
    properties?: string[];
    signal?: AbortSignal;
  }): Promise<IssueShape | null>;
  /** `fields` sets values; `update` applies verbs such as `{labels: [{add: 'x'}]}`. */
  editIssue(input: {
    key: string;
    fields?: Record<string, unknown>;
    update?: Record<string, unknown[]>;
    signal?: AbortSignal;
  }): Promise<void>;
  /** JQL through `/search/jql`, the endpoint that replaces the removed `/search`. */
  search(input: {
    jql: string;
    fields: string[];
    maxResults: number;
    signal?: AbortSignal;
  }): Promise<IssueShape[]>;
  addComment(input: {
    key: string;
    body: AdfDocument;
    signal?: AbortSignal;
  }): Promise<z.infer<typeof CommentShape>>;
  listComments(input: {
    key: string;
    signal?: AbortSignal;
  }): Promise<z.infer<typeof CommentShape>[]>;
  listTransitions(input: {
    key: string;
    signal?: AbortSignal;
  }): Promise<z.infer<typeof TransitionList>['transitions']>;
  doTransition(input: { key: string; transitionId: string; signal?: AbortSignal }): Promise<void>;
  setProperty(input: {
    key: string;
    property: string;
    value: unknown;
    signal?: AbortSignal;
  }): Promise<void>;
  myself(signal?: AbortSignal): Promise<z.infer<typeof Myself>>;
  getProject(input: {
    projectKey: string;
    signal?: AbortSignal;
  }): Promise<z.infer<typeof ProjectShape>>;
  /** The issue types the caller may create in a project: a create check that creates nothing. */
  creatableIssueTypes(input: { projectKey: string; signal?: AbortSignal }): Promise<string[]>;
}

export function createJiraClient(options: ItsmClientOptions): JiraClient {
  const { transport } = transportFor({ system: 'jira', options, readError: readJiraError });

  return {
    async createIssue({ fields, signal }) {
      const { value } = await transport.request({
        method: 'POST',
        path: `${API}/issue`,
        body: { fields, update: {} },
        schema: CreatedIssue,
        signal,
      });
      return value;
    },

    async createRequest({ serviceDeskId, requestTypeId, summary, description, labels, signal }) {
      const { value } = await transport.request({
        method: 'POST',
        path: '/rest/servicedeskapi/request',
        body: {
          serviceDeskId,
          requestTypeId,
          requestFieldValues: {
            summary,
            description,
            ...(labels === undefined ? {} : { labels }),
          },
          isAdfRequest: true,
        },
        schema: CreatedRequest,
        signal,
      });
      return value;
    },

    async requestTypeFieldIds({ serviceDeskId, requestTypeId, signal }) {
      const desk = encodeURIComponent(serviceDeskId);
      const type = encodeURIComponent(requestTypeId);
      const { value } = await transport.request({
        method: 'GET',
        path: `/rest/servicedeskapi/servicedesk/${desk}/requesttype/${type}/field`,
        schema: RequestTypeFields,
        signal,
      });
      return value.requestTypeFields.map((field) => field.fieldId);
    },

    async getIssue({ key: issueKey, properties, signal }) {
      try {
        const { value } = await transport.request({
          method: 'GET',
          path: `${API}/issue/${key(issueKey)}`,
          query: {
            fields: 'summary,status,labels,priority',
            ...(properties === undefined ? {} : { properties: properties.join(',') }),
          },
          schema: IssueShape,
          signal,
        });
        return value;
      } catch (error) {
        // 404 also means "no permission to see it"; both read as "not there" here.
        if (error instanceof ItsmApiError && error.kind === 'not_found') return null;
        throw error;
      }
    },

    async editIssue({ key: issueKey, fields, update, signal }) {
      await transport.request({
        method: 'PUT',
        path: `${API}/issue/${key(issueKey)}`,
        body: {
          ...(fields === undefined ? {} : { fields }),
          ...(update === undefined ? {} : { update }),
        },
        schema: null,
        signal,
      });
    },

    async search({ jql, fields, maxResults, signal }) {
      const { value } = await transport.request({
        method: 'POST',
        path: `${API}/search/jql`,
        body: { jql, fields, maxResults },
        schema: SearchResult,
        signal,
      });
      return value.issues;
    },

    async addComment({ key: issueKey, body, signal }) {
      const { value } = await transport.request({
        method: 'POST',
        path: `${API}/issue/${key(issueKey)}/comment`,
        body: { body },
        schema: CommentShape,
        signal,
      });
      return value;
    },

    async listComments({ key: issueKey, signal }) {
      const comments: z.infer<typeof CommentShape>[] = [];
      for (let startAt = 0; ; ) {
        const { value } = await transport.request({
          method: 'GET',
          path: `${API}/issue/${key(issueKey)}/comment`,
          query: { startAt: String(startAt), maxResults: '100', orderBy: 'created' },
          schema: CommentPage,
          signal,
        });
        comments.push(...value.comments);
        startAt += value.comments.length;
        if (value.comments.length === 0 || startAt >= value.total) return comments;
      }
    },

    async listTransitions({ key: issueKey, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: `${API}/issue/${key(issueKey)}/transitions`,
        schema: TransitionList,
        signal,
      });
      return value.transitions;
    },

    async doTransition({ key: issueKey, transitionId, signal }) {
      await transport.request({
        method: 'POST',
        path: `${API}/issue/${key(issueKey)}/transitions`,
        body: { transition: { id: transitionId } },
        schema: null,
        signal,
      });
    },

    async setProperty({ key: issueKey, property, value, signal }) {
      await transport.request({
        method: 'PUT',
        path: `${API}/issue/${key(issueKey)}/properties/${encodeURIComponent(property)}`,
        body: value,
        schema: null,
        signal,
      });
    },

    async myself(signal) {
      const { value } = await transport.request({
        method: 'GET',
        path: `${API}/myself`,
        schema: Myself,
        signal,
      });
      return value;
    },

    async getProject({ projectKey, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: `${API}/project/${key(projectKey)}`,
        schema: ProjectShape,
        signal,
      });
      return value;
    },

    async creatableIssueTypes({ projectKey, signal }) {
      const { value } = await transport.request({
        method: 'GET',
        path: `${API}/issue/createmeta/${key(projectKey)}/issuetypes`,
        schema: CreateMetaIssueTypes,
        signal,
      });
      return (value.issueTypes ?? []).map((type) => type.name);
    },
  };
}
