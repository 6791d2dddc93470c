import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ApiHarness, startApiHarness } from '../testing/api-harness.ts';

let h: ApiHarness;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

beforeAll(async () => {
  h = await startApiHarness();
  doc = (await (await h.request('GET', '/openapi.json')).json()) as typeof doc;
});

afterAll(async () => {
  await h.close();
});

function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refs(item, found);
    }
  }
  return found;
}

describe('/openapi.json', () => {
  it('describes every route, as OpenAPI 3.1, with the roles that may call it', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      h.service.routes.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort(),
    );
    expect(doc.paths['/v1/actions/{id}/approve']?.post).toMatchObject({
      operationId: 'approveAction',
      security: [{ bearer: [] }],
      'x-roles': ['admin', 'analyst'],
    });
    expect(doc.paths['/health/live']?.get?.security).toEqual([]);
  });

  it('resolves every reference to a component', () => {
    const names = new Set(Object.keys(doc.components.schemas));
    const unresolved = refs(doc)
      .filter((ref) => ref.startsWith('#/components/schemas/'))
      .filter((ref) => !names.has(ref.slice('#/components/schemas/'.length)));
    expect(unresolved).toEqual([]);
    expect(refs(doc).filter((ref) => !ref.startsWith('#/components/'))).toEqual([]);
  });

  it('describes request bodies as the strict schemas that check them', () => {
    expect(doc.components.schemas.StartRunRequest).toMatchObject({
      type: 'object',
      properties: { report: { type: 'boolean', default: false } },
      additionalProperties: false,
    });
    expect(doc.components.schemas.Error).toMatchObject({
      required: ['error'],
      additionalProperties: false,
    });
    const start = doc.paths['/v1/cases/{threatId}/runs']?.post as {
      parameters: { name: string; in: string; required: boolean }[];
    };
    expect(start.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'threatId', in: 'path', required: true }),
        expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
      ]),
    );
  });
});

describe('/docs', () => {
  it('is one self-contained page that fetches nothing from elsewhere', async () => {
    const response = await h.request('GET', '/docs');
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain("fetch('/openapi.json')");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
    expect(html).not.toContain('innerHTML');
  });
});
