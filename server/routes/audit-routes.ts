import { listAuditEntries } from '../../policy/audit/audit-trail.ts';
import { verifyAuditChain } from '../../policy/audit/verify-audit-chain.ts';
import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { ApiError } from '../http/api-error.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { AuditList, AuditQuery, AuditVerifyView } from '../schemas/api-schemas.ts';
import type { ServerDeps } from '../server-deps.ts';

export function auditRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/audit',
      operationId: 'listAudit',
      summary: "The tenant's audit entries of a case or a run, in chain order",
      tag: 'audit',
      roles: ROUTE_ROLES.readAudit,
      query: AuditQuery,
      responses: { 200: { description: 'The entries', schema: AuditList } },
      handle: ({ query, auth }) => {
        if (query.caseId === undefined && query.runId === undefined) {
          throw new ApiError({
            code: 'REQUEST_INVALID',
            message: 'name the case (caseId=) or the run (runId=) whose audit entries to list',
          });
        }
        const entries = listAuditEntries({
          db: deps.store.db,
          tenantId: auth.tenantId,
          ...(query.caseId === undefined ? {} : { caseId: query.caseId }),
          ...(query.runId === undefined ? {} : { runId: query.runId }),
        });
        return { status: 200, body: { entries } };
      },
    }),

    defineRoute({
      method: 'get',
      path: '/v1/audit/verify',
      operationId: 'verifyAudit',
      summary: "Recompute the tenant's audit hash chain and name the first entry that fails",
      tag: 'audit',
      roles: ROUTE_ROLES.readAudit,
      responses: { 200: { description: 'The verification', schema: AuditVerifyView } },
      handle: ({ auth }) => {
        const result = verifyAuditChain({ db: deps.store.db, tenantId: auth.tenantId });
        const chain = result.chains.find((head) => head.tenantId === auth.tenantId);
        return {
          status: 200,
          body: result.ok
            ? {
                ok: true,
                entries: chain?.entries ?? 0,
                headHash: chain?.headHash ?? null,
                problem: null,
              }
            : {
                ok: false,
                entries: result.seq - 1,
                headHash: null,
                problem: { entry: result.entry, kind: result.problem, message: result.message },
              },
        };
      },
    }),
  ];
}
