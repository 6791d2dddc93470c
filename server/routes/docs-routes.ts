import { type AnyApiRoute, defineRoute } from '../openapi/api-route.ts';
import { DOCS_PAGE } from '../openapi/docs-page.ts';
import { openApiDocument } from '../openapi/openapi-document.ts';

/** `/openapi.json` (built once, from every mounted route) and the `/docs` page. */
export function docsRoutes({
  routes,
  version,
}: {
  routes: () => readonly AnyApiRoute[];
  version: string;
}): AnyApiRoute[] {
  let document: Record<string, unknown> | undefined;

  return [
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApi',
      summary: 'This description (OpenAPI 3.1), generated from the schemas that validate',
      tag: 'docs',
      roles: 'public',
      responses: { 200: { description: 'The OpenAPI document', contentType: 'application/json' } },
      handle: ({ context }) => {
        document ??= openApiDocument({ routes: routes(), version });
        return context.json(document);
      },
    }),

    defineRoute({
      method: 'get',
      path: '/docs',
      operationId: 'docs',
      summary: 'An interactive page: list the operations, send a request, see the answer',
      tag: 'docs',
      roles: 'public',
      responses: { 200: { description: 'The page', contentType: 'text/html' } },
      handle: ({ context }) => {
        context.header(
          'Content-Security-Policy',
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
        );
        return context.html(DOCS_PAGE);
      },
    }),
  ];
}
