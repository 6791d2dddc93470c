import { Hono } from 'hono';
import type { SimEnv } from '../sim-env.ts';

export function systemRoutes(): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  app.get('/system/status', (c) => c.json({ data: { health: 'ok' } }));
  return app;
}
