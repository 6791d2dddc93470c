import { z } from 'zod';

import { AdfDocumentShape } from './adf.ts';

export const StatusShape = z.looseObject({
  name: z.string(),
  statusCategory: z.looseObject({ key: z.string() }),
});

export const IssueShape = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z
    .looseObject({
      summary: z.string().optional(),
      status: StatusShape.optional(),
      labels: z.array(z.string()).optional(),
      priority: z.looseObject({ name: z.string() }).nullish(),
    })
    .optional(),
  /** Only the issue properties the request asked for. */
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type IssueShape = z.infer<typeof IssueShape>;

export const CreatedIssue = z.looseObject({ id: z.string(), key: z.string(), self: z.string() });

/** `/rest/api/3/search/jql`: token paging, no `total`. */
export const SearchResult = z.looseObject({
  issues: z.array(IssueShape),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().optional(),
});

export const CommentShape = z.looseObject({
  id: z.string(),
  author: z.looseObject({ accountId: z.string().optional(), displayName: z.string().optional() }),
  body: z.union([AdfDocumentShape, z.string()]),
  created: z.string(),
});

export const CommentPage = z.looseObject({
  comments: z.array(CommentShape),
  startAt: z.number().int(),
  maxResults: z.number().int(),
  total: z.number().int(),
});

export const TransitionList = z.looseObject({
  transitions: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      isAvailable: z.boolean().optional(),
      to: StatusShape,
    }),
  ),
});

export const Myself = z.looseObject({ accountId: z.string(), displayName: z.string().optional() });

export const ProjectShape = z.looseObject({ id: z.string(), key: z.string() });

export const CreateMetaIssueTypes = z.looseObject({
  issueTypes: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional(),
});

/** Jira Service Management `POST /rest/servicedeskapi/request`. */
export const CreatedRequest = z.looseObject({
  issueId: z.string(),
  issueKey: z.string(),
});

/** The fields a JSM request type takes in `requestFieldValues`. */
export const RequestTypeFields = z.looseObject({
  requestTypeFields: z.array(z.looseObject({ fieldId: z.string() })),
});

/** Platform `{errorMessages, errors}` or JSM `{errorMessage, i18nErrorMessage}`. */
const PlatformError = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});
const ServiceDeskError = z.looseObject({ errorMessage: z.string() });

export function readJiraError(body: unknown): string | null {
  const desk = ServiceDeskError.safeParse(body);
  if (desk.success) return desk.data.errorMessage;

  const platform = PlatformError.safeParse(body);
  if (!platform.success) return null;
  const messages = [
    ...(platform.data.errorMessages ?? []),
    ...Object.entries(platform.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
  ];
  return messages.length === 0 ? null : messages.join('; ');
}
