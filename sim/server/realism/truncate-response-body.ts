import type { Context } from 'hono';

/**
 * Replaces the response with the first half of its body, as a connection dropped mid-body
 * leaves it: the handler has run, so its effect is real, but the JSON no longer parses.
 */
export async function truncateResponseBody(c: Context): Promise<void> {
  const text = await c.res.text();
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(text.slice(0, Math.floor(text.length / 2)), {
    status: c.res.status,
    headers,
  });
}
