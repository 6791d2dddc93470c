import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

import { type Clock, systemClock } from '../../lib/clock.ts';
import {
  createJiraSimApp,
  createJiraSimStore,
  type JiraSimStore,
} from './jira/create-jira-sim-app.ts';
import {
  createItsmSimControl,
  type ItsmRealismOptionsInput,
  type ItsmSimControl,
} from './realism/itsm-realism.ts';
import { createServiceNowSimApp } from './servicenow/create-servicenow-sim-app.ts';
import {
  createServiceNowSimStore,
  type ServiceNowSimStore,
} from './servicenow/servicenow-sim-store.ts';
import type { SimItsmUser } from './sim-credentials.ts';

export interface RunningItsmSim<Store> {
  url: string;
  user: SimItsmUser;
  /** A user that can sign in and read but not write. */
  reader: SimItsmUser;
  store: Store;
  control: ItsmSimControl;
}

export interface RunningItsmSimulators {
  servicenow: RunningItsmSim<ServiceNowSimStore>;
  jira: RunningItsmSim<JiraSimStore>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: both apps have their own variables type.
async function listen(app: Hono<any>, host: string, port: number) {
  const server = serve({ fetch: app.fetch, port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

function users(prefix: string, fixed?: string): { user: SimItsmUser; reader: SimItsmUser } {
  const secret = () => randomBytes(18).toString('base64url');
  return {
    user: {
      username: `${prefix}-integration`,
      secret: fixed ?? secret(),
      bearer: secret(),
      displayName: 'casebook integration',
      access: 'write',
    },
    reader: {
      username: `${prefix}-reader`,
      secret: secret(),
      displayName: 'Read only',
      access: 'read',
    },
  };
}

/**
 * Both ITSM simulators on loopback, each on a free port (or the one asked for), with
 * random credentials unless `secret` fixes the integration users' password and API
 * token: for tests, `casebook sim itsm`, and `casebook itsm …` demos when no tenant has
 * a real ITSM configured.
 */
export async function startItsmSimulators({
  host = '127.0.0.1',
  clock = systemClock,
  realism,
  ports = {},
  secret,
}: {
  host?: string;
  clock?: Clock;
  realism?: ItsmRealismOptionsInput;
  ports?: { servicenow?: number; jira?: number };
  secret?: string;
} = {}): Promise<RunningItsmSimulators> {
  const sn = {
    ...users('sn', secret),
    store: createServiceNowSimStore(),
    control: createItsmSimControl(),
  };
  const jira = {
    ...users('jira', secret),
    store: createJiraSimStore(),
    control: createItsmSimControl(),
  };

  const snServer = await listen(
    createServiceNowSimApp({
      users: [sn.user, sn.reader],
      store: sn.store,
      clock,
      realism,
      control: sn.control,
    }),
    host,
    ports.servicenow ?? 0,
  );
  const jiraServer = await listen(
    createJiraSimApp({
      users: [jira.user, jira.reader],
      store: jira.store,
      clock,
      realism,
      control: jira.control,
    }),
    host,
    ports.jira ?? 0,
  ).catch(async (error: unknown) => {
    await snServer.close();
    throw error;
  });

  return {
    servicenow: { url: snServer.url, ...sn },
    jira: { url: jiraServer.url, ...jira },
    close: async () => {
      await Promise.all([snServer.close(), jiraServer.close()]);
    },
  };
}
