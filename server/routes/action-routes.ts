import { z } from 'zod';

import { HeldActionNotFoundError } from '../../policy/held-actions/held-action-not-found-error.ts';
import type { HeldActions } from '../../policy/held-actions/held-actions.ts';
import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { notFound } from '../http/api-error.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import {
  ActionList,
  ActionQuery,
  ApprovalView,
  ApproveBody,
  DecisionBody,
  EditBody,
  HeldActionView,
  Id,
} from '../schemas/api-schemas.ts';
import { type ServerDeps, tenantRuntime } from '../server-deps.ts';

const ById = z.strictObject({ id: Id });

/** Runs `use` on the tenant's held actions; an id the tenant does not have is 404. */
async function withActions<Result>(
  deps: ServerDeps,
  tenantId: string,
  id: string,
  use: (actions: HeldActions) => Result | Promise<Result>,
): Promise<Result> {
  try {
    return await use(tenantRuntime(deps, tenantId).actions);
  } catch (error) {
    if (error instanceof HeldActionNotFoundError) throw notFound('held action', id);
    throw error;
  }
}

export function actionRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/actions',
      operationId: 'listActions',
      summary: 'Held actions, newest first, by status, case or run',
      tag: 'actions',
      roles: ROUTE_ROLES.readActions,
      query: ActionQuery,
      responses: { 200: { description: 'The held actions', schema: ActionList } },
      handle: ({ query, auth }) => {
        const actions = tenantRuntime(deps, auth.tenantId).actions.list({
          ...(query.status === undefined ? {} : { statuses: [query.status] }),
          ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
          ...(query.runId === undefined ? {} : { runId: query.runId }),
          limit: query.limit,
        });
        return { status: 200, body: { actions } };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/actions/{id}',
      operationId: 'getAction',
      summary: 'A held action, with its approvals, edits and execution outcome',
      tag: 'actions',
      roles: ROUTE_ROLES.readActions,
      params: ById,
      responses: { 200: { description: 'The held action', schema: HeldActionView } },
      handle: async ({ params, auth }) => ({
        status: 200,
        body: await withActions(deps, auth.tenantId, params.id, (actions) =>
          actions.get(params.id),
        ),
      }),
    }),

    defineRoute({
      method: 'post',
      path: '/v1/actions/{id}/approve',
      operationId: 'approveAction',
      summary: 'Approve the held arguments; the last approval needed runs and verifies it',
      description:
        "Recorded under the key's principal. Containment needs two distinct approvers by " +
        'default; the same person approving twice is 403. Send the `argsHash` you read to ' +
        'refuse (409) an approval of arguments someone edited since; an action the ' +
        "tenant's policy now denies is refused (409) too.",
      tag: 'actions',
      roles: ROUTE_ROLES.decideActions,
      params: ById,
      body: ApproveBody,
      responses: { 200: { description: 'Where the action stands', schema: ApprovalView } },
      handle: async ({ params, body, auth }) => ({
        status: 200,
        body: await withActions(deps, auth.tenantId, params.id, (actions) =>
          actions.approve({
            id: params.id,
            principalId: auth.principalId,
            ...(body.comment === undefined ? {} : { comment: body.comment }),
            ...(body.argsHash === undefined ? {} : { argsHash: body.argsHash }),
          }),
        ),
      }),
    }),

    defineRoute({
      method: 'post',
      path: '/v1/actions/{id}/deny',
      operationId: 'denyAction',
      summary: 'Deny a held action; it will never run',
      tag: 'actions',
      roles: ROUTE_ROLES.decideActions,
      params: ById,
      body: DecisionBody,
      responses: { 200: { description: 'The denied action', schema: HeldActionView } },
      handle: async ({ params, body, auth }) => ({
        status: 200,
        body: await withActions(deps, auth.tenantId, params.id, (actions) =>
          actions.deny({
            id: params.id,
            principalId: auth.principalId,
            ...(body.comment === undefined ? {} : { comment: body.comment }),
          }),
        ),
      }),
    }),

    defineRoute({
      method: 'post',
      path: '/v1/actions/{id}/edit-and-approve',
      operationId: 'editAndApproveAction',
      summary: 'Replace the held arguments and approve the new ones',
      description:
        'The edit is recorded with the old and new argument hashes; approvals of the old ' +
        'arguments stop counting.',
      tag: 'actions',
      roles: ROUTE_ROLES.decideActions,
      params: ById,
      body: EditBody,
      responses: { 200: { description: 'Where the action stands', schema: ApprovalView } },
      handle: async ({ params, body, auth }) => ({
        status: 200,
        body: await withActions(deps, auth.tenantId, params.id, (actions) =>
          actions.editAndApprove({
            id: params.id,
            principalId: auth.principalId,
            args: body.args,
            ...(body.comment === undefined ? {} : { comment: body.comment }),
          }),
        ),
      }),
    }),
  ];
}
