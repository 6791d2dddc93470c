import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

import type { ServerEnv } from './auth/auth-context.ts';

export interface Listening {
  url: string;
  port: number;
  /** Stops accepting, ends open connections (event streams included), and resolves. */
  close(): Promise<void>;
}

/** Serves the app on `host:port` over HTTP; port 0 picks a free one. */
export async function listen({
  app,
  host,
  port,
}: {
  app: Hono<ServerEnv>;
  host: string;
  port: number;
}): Promise<Listening> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
    started.once('error', reject);
  });
  const address = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
