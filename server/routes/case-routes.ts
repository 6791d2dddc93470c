import { z } from 'zod';

import { queryHeldActions } from '../../policy/held-actions/held-action-store.ts';
import { ROUTE_ROLES } from '../auth/route-roles.ts';
import { notFound } from '../http/api-error.ts';
import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { CaseId, CaseView } from '../schemas/api-schemas.ts';
import type { ServerDeps } from '../server-deps.ts';
import { loadCaseView } from '../store/run-views.ts';

export function caseRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/cases/{threatId}',
      operationId: 'getCase',
      summary: 'A case: its latest first look, drafts, held actions and runs',
      tag: 'cases',
      roles: ROUTE_ROLES.readCases,
      params: z.strictObject({ threatId: CaseId }),
      responses: { 200: { description: 'The case', schema: CaseView } },
      handle: ({ params, auth }) => {
        const { tenantId } = auth;
        const view = loadCaseView(deps.store.db, {
          tenantId,
          caseId: params.threatId,
          heldActions: () =>
            deps.tenants.get(tenantId)?.actions.list({ caseId: params.threatId }) ??
            queryHeldActions(deps.store.db, { tenantId, caseId: params.threatId }),
        });
        if (view === undefined) throw notFound('case', params.threatId);
        return { status: 200, body: view };
      },
    }),
  ];
}
