import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { Liveness, Readiness } from '../schemas/api-schemas.ts';
import type { ServerDeps } from '../server-deps.ts';
import { checkReadiness } from './check-readiness.ts';

export function healthRoutes(deps: ServerDeps): AnyApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health/live',
      operationId: 'live',
      summary: 'The process answers',
      tag: 'health',
      roles: 'public',
      responses: { 200: { description: 'Alive', schema: Liveness } },
      handle: () => ({ status: 200, body: { status: 'ok' } }),
    }),

    defineRoute({
      method: 'get',
      path: '/health/ready',
      operationId: 'ready',
      summary: 'The database answers, its migrations are applied, the consoles answer',
      description:
        'Counts only, no tenant names: the route needs no key. Each console gets a short ' +
        'timeout; the server log names the ones that did not answer.',
      tag: 'health',
      roles: 'public',
      responses: {
        200: { description: 'Ready', schema: Readiness },
        503: { description: 'Not ready', schema: Readiness },
      },
      handle: async () => {
        const readiness = await checkReadiness(deps);
        return { status: readiness.status === 'ready' ? 200 : 503, body: readiness };
      },
    }),
  ];
}
