import { z } from 'zod';

import { safeText } from '../document/safe-text.ts';
import type { ItsmClientOptions } from '../http/create-itsm-transport-for.ts';
import { ItsmApiError } from '../itsm-api-error.ts';
import type {
  AccessCheck,
  TicketRef,
  TicketSnapshot,
  TicketStatus,
  TicketSystem,
} from '../ticket-system.ts';
import { type AdfDocument, adfToPlainText } from './adf.ts';
import { createJiraClient } from './jira-client.ts';
import type { IssueShape } from './jira-schemas.ts';
import { JiraSettings, type JiraSettingsInput } from './jira-settings.ts';
import { toAdf } from './to-adf.ts';

/** The issue property that carries casebook's correlation key. */
const CASEBOOK_PROPERTY = 'casebook';

/** What casebook stores in its issue property. */
const CasebookProperty = z.object({ correlationKey: z.string().min(1) });

const CATEGORY: Record<TicketStatus, string> = {
  open: 'new',
  in_progress: 'indeterminate',
  resolved: 'done',
};

function statusOf(categoryKey: string | undefined): TicketStatus {
  if (categoryKey === 'done') return 'resolved';
  if (categoryKey === 'indeterminate') return 'in_progress';
  return 'open';
}

/** A label Jira accepts (no spaces) that names the case, e.g. `casebook-acme-42`. */
function correlationLabel(correlationKey: string): string {
  return correlationKey.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 255);
}

function textDoc(text: string): AdfDocument {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((block) => ({
      type: 'paragraph',
      content: block.split('\n').flatMap((row, index) => {
        const text = safeText(row);
        const node = text === '' ? [] : [{ type: 'text' as const, text }];
        return index === 0 ? node : [{ type: 'hardBreak' as const }, ...node];
      }),
    })),
  };
}

/** Issues (or JSM requests) on Jira Cloud as casebook tickets. */
export function createJiraTicketSystem({
  client: clientOptions,
  settings: settingsInput,
}: {
  client: ItsmClientOptions;
  settings: JiraSettingsInput;
}): TicketSystem {
  const settings = JiraSettings.parse(settingsInput);
  const client = createJiraClient(clientOptions);
  const project = settings.projectKey;

  const snapshot = (issue: IssueShape, correlationKey: string | null): TicketSnapshot => ({
    ref: { system: 'jira', id: issue.id, key: issue.key },
    summary: issue.fields?.summary ?? '',
    status: statusOf(issue.fields?.status?.statusCategory.key),
    rawStatus: issue.fields?.status?.name ?? '',
    correlationKey,
    priority: issue.fields?.priority?.name ?? null,
  });

  const load = async (ref: TicketRef, signal?: AbortSignal) => {
    const issue = await client.getIssue({ key: ref.key, signal });
    if (issue === null) {
      throw new ItsmApiError({
        system: 'jira',
        kind: 'not_found',
        method: 'GET',
        path: '/rest/api/3/issue',
        detail: `issue ${ref.key} is gone or not visible to this user`,
      });
    }
    return issue;
  };

  const summaryOf = (summary: string) => safeText(summary.replace(/\s+/g, ' ')).slice(0, 250);

  const labelsOf = (correlationKey: string) => [
    ...new Set([correlationLabel(correlationKey), ...settings.labels]),
  ];

  // Labels and the issue property are added to what is there, so this repeats safely:
  // a retry after a create that stopped half-way finishes the same issue with it.
  // `labelled`: the create put the labels on already; only the property is missing.
  const markAsCasebooks = async ({
    key,
    correlationKey,
    fields,
    labelled = false,
    signal,
  }: {
    key: string;
    correlationKey: string;
    fields?: Record<string, unknown>;
    labelled?: boolean;
    signal?: AbortSignal;
  }) => {
    if (!labelled || fields !== undefined) {
      await client.editIssue({
        key,
        ...(fields === undefined ? {} : { fields }),
        ...(labelled
          ? {}
          : { update: { labels: labelsOf(correlationKey).map((label) => ({ add: label })) } }),
        signal,
      });
    }
    await client.setProperty({
      key,
      property: CASEBOOK_PROPERTY,
      value: { correlationKey },
      signal,
    });
  };

  // Whether the JSM request type takes labels in the create itself; asked once.
  let labelsOnRequest: boolean | undefined;

  const priorityOf = (impact: number, urgency: number) => {
    const name = settings.priorities?.[String(Math.min(5, impact + urgency - 1)) as '1'];
    return name === undefined ? {} : { priority: { name } };
  };

  return {
    system: 'jira',

    async find(correlationKey, signal) {
      const label = correlationLabel(correlationKey);
      const [issue] = await client.search({
        jql: `project = "${project}" AND labels = "${label}" ORDER BY created ASC`,
        fields: ['summary', 'status', 'labels', 'priority'],
        maxResults: 1,
        signal,
      });
      return issue === undefined ? null : snapshot(issue, correlationKey);
    },

    async get(ref, signal) {
      const issue = await client.getIssue({
        key: ref.key,
        properties: [CASEBOOK_PROPERTY],
        signal,
      });
      if (issue === null) return null;
      // The key the issue property names, when the issue carries that key's label too:
      // any casebook-looking label alone could be another case's.
      const marked = CasebookProperty.safeParse(issue.properties?.[CASEBOOK_PROPERTY]);
      const key = marked.success ? marked.data.correlationKey : null;
      const labelled = key !== null && issue.fields?.labels?.includes(correlationLabel(key));
      return snapshot(issue, labelled === true ? key : null);
    },

    async create(fields, signal, onCreated) {
      const labels = labelsOf(fields.correlationKey);
      const description = toAdf(fields.document);
      const summary = summaryOf(fields.summary);
      let created: { id: string; key: string };
      if (settings.serviceDesk !== undefined) {
        labelsOnRequest ??= (
          await client.requestTypeFieldIds({ ...settings.serviceDesk, signal })
        ).includes('labels');
        const request = await client.createRequest({
          ...settings.serviceDesk,
          summary,
          description,
          ...(labelsOnRequest ? { labels } : {}),
          signal,
        });
        created = { id: request.issueId, key: request.issueKey };
        onCreated?.({ system: 'jira', ...created });
        await markAsCasebooks({
          key: created.key,
          correlationKey: fields.correlationKey,
          labelled: labelsOnRequest,
          signal,
        });
      } else {
        created = await client.createIssue({
          fields: {
            project: { key: project },
            issuetype: { name: settings.issueType },
            summary,
            description,
            labels,
            ...priorityOf(fields.impact, fields.urgency),
          },
          signal,
        });
        onCreated?.({ system: 'jira', ...created });
        await markAsCasebooks({
          key: created.key,
          correlationKey: fields.correlationKey,
          labelled: true,
          signal,
        });
      }

      return snapshot(await load({ system: 'jira', ...created }, signal), fields.correlationKey);
    },

    async update(ref, fields, signal) {
      // A create whose answer was lost, or whose labelling failed, may have stopped
      // before the labels or the property were on the issue: they are added here.
      await markAsCasebooks({
        key: ref.key,
        correlationKey: fields.correlationKey,
        fields: { summary: summaryOf(fields.summary), description: toAdf(fields.document) },
        signal,
      });
      return snapshot(await load(ref, signal), fields.correlationKey);
    },

    async addNote(ref, { text }, signal) {
      const comment = await client.addComment({ key: ref.key, body: textDoc(text), signal });
      return { id: comment.id };
    },

    async listNotes(ref, signal) {
      const comments = await client.listComments({ key: ref.key, signal });
      return comments.map((comment) => ({
        id: comment.id,
        author: comment.author.displayName ?? comment.author.accountId ?? 'unknown',
        text: typeof comment.body === 'string' ? comment.body : adfToPlainText(comment.body).trim(),
        createdAt: Date.parse(comment.created) || 0,
        internal: false,
      }));
    },

    async transition(ref, to, signal) {
      const issue = await load(ref, signal);
      if (statusOf(issue.fields?.status?.statusCategory.key) === to) return snapshot(issue, null);

      // Transition ids differ per workflow; the target category is what stays put.
      const transitions = await client.listTransitions({ key: ref.key, signal });
      const chosen = transitions.find(
        (transition) =>
          transition.to.statusCategory.key === CATEGORY[to] && transition.isAvailable !== false,
      );
      if (chosen === undefined) {
        throw new ItsmApiError({
          system: 'jira',
          kind: 'rejected',
          method: 'POST',
          path: '/rest/api/3/issue/transitions',
          detail:
            `the workflow offers no transition from "${issue.fields?.status?.name ?? '?'}" ` +
            `to a ${CATEGORY[to]} status on ${ref.key}`,
        });
      }
      await client.doTransition({ key: ref.key, transitionId: chosen.id, signal });

      return snapshot(await load(ref, signal), null);
    },

    async checkAccess(signal) {
      const checks: AccessCheck[] = [];
      const failed = (check: AccessCheck['check'], error: unknown): AccessCheck => ({
        check,
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });

      try {
        const me = await client.myself(signal);
        checks.push({
          check: 'auth',
          outcome: 'passed',
          detail: `signed in as ${safeText(me.displayName ?? me.accountId)}`,
        });
      } catch (error) {
        return [failed('auth', error)];
      }

      try {
        await client.getProject({ projectKey: project, signal });
        checks.push({ check: 'read', outcome: 'passed', detail: `can see project ${project}` });
      } catch (error) {
        return [...checks, failed('read', error)];
      }

      try {
        const types = await client.creatableIssueTypes({ projectKey: project, signal });
        const type = settings.issueType;
        const can = types.includes(type);
        const creatable = types.join(', ') || 'none';
        checks.push({
          check: 'create',
          outcome: can ? 'passed' : 'failed',
          detail: can
            ? `may create ${type} issues in ${project} (create metadata; nothing created)`
            : `may not create ${type} in ${project}; creatable: ${creatable}`,
        });
      } catch (error) {
        checks.push(failed('create', error));
      }
      return checks;
    },
  };
}
