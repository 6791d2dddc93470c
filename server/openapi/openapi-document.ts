import { z } from 'zod';

import { ErrorBody } from '../http/error-body.ts';
import { KNOWN_ERROR_CODES } from '../http/error-status.ts';
import type { AnyApiRoute } from './api-route.ts';
import { named, namedSchemas, nameOf } from './named-schemas.ts';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;
const ERROR = named('Error', ErrorBody);

function pascal(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_all, _sep, char: string) =>
    char.toUpperCase(),
  );
}

function withoutMeta(schema: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function inline(schema: z.ZodType, io: 'input' | 'output'): Json {
  return withoutMeta(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json);
}

/**
 * The OpenAPI 3.1 description of the routes, generated from the zod schemas that
 * validate them: request bodies as the schemas read them, responses as they write them.
 * Named schemas (see `named`) are described once under `components.schemas`.
 */
export function openApiDocument({
  routes,
  version,
}: {
  routes: readonly AnyApiRoute[];
  version: string;
}): Json {
  const responses = z.registry<{ id: string }>();
  const requests = z.registry<{ id: string }>();
  for (const [schema, id] of namedSchemas()) responses.add(schema, { id });

  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const operation = pascal(route.operationId);
    const content: Record<string, Json> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      if (response.schema !== undefined && nameOf(response.schema) === undefined) {
        if (!responses.has(response.schema)) {
          responses.add(response.schema, { id: `${operation}${status}` });
        }
      }
      content[status] = {
        description: response.description,
        ...(response.schema === undefined
          ? response.contentType === undefined
            ? {}
            : { content: { [response.contentType]: { schema: { type: 'string' } } } }
          : {
              content: {
                [response.contentType ?? 'application/json']: {
                  schema: { $ref: REF(responses.get(response.schema)?.id ?? '') },
                },
              },
            }),
      };
    }
    if (route.body !== undefined && !requests.has(route.body)) {
      requests.add(route.body, { id: `${operation}Request` });
    }

    paths[route.path] ??= {};
    (paths[route.path] as Record<string, Json>)[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description === undefined ? {} : { description: route.description }),
      tags: [route.tag],
      security: route.roles === 'public' ? [] : [{ bearer: [] }],
      'x-roles': route.roles === 'public' ? [] : [...route.roles],
      parameters: [
        ...parameters('path', route.params),
        ...parameters('query', route.query),
        ...parameters('header', route.headers),
      ],
      ...(route.body === undefined
        ? {}
        : {
            requestBody: {
              required: !route.body.safeParse({}).success,
              content: {
                'application/json': {
                  schema: { $ref: REF(requests.get(route.body)?.id ?? '') },
                },
              },
            },
          }),
      responses: {
        ...content,
        '4XX': { $ref: '#/components/responses/Error' },
        '5XX': { $ref: '#/components/responses/Error' },
      },
    };
  }

  const uri = (id: string) => REF(id);
  const out = z.toJSONSchema(responses, { io: 'output', unrepresentable: 'any', uri }).schemas;
  const into = z.toJSONSchema(requests, { io: 'input', unrepresentable: 'any', uri }).schemas;
  const schemas = Object.fromEntries(
    [...Object.entries(out), ...Object.entries(into)].map(([id, schema]) => [
      id,
      withoutMeta(schema as Json),
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: 'casebook HTTP API',
      version,
      description:
        'Webhooks and case runs, first looks, held actions and approvals, audit. Every ' +
        '/v1 route takes "Authorization: Bearer <API key>" (casebook keys create); a key ' +
        'sees only its own tenant, and x-roles lists the roles that may call a route. ' +
        `Error codes: ${KNOWN_ERROR_CODES.join(', ')}.`,
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      responses: {
        Error: {
          description: 'The one error shape of the API',
          content: { 'application/json': { schema: { $ref: REF(nameOf(ERROR) ?? 'Error') } } },
        },
      },
      schemas,
    },
  };
}

function parameters(where: 'path' | 'query' | 'header', schema: z.ZodObject | undefined): Json[] {
  if (schema === undefined) return [];

  return Object.entries(schema.shape).map(([name, field]) => {
    const described = inline(field as z.ZodType, 'input');
    const { description, ...rest } = described;
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}
