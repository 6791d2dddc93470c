import type { EvidenceEvent } from '../../tools/analysis/index.ts';

export interface LateralTarget {
  /** Host name or address as the command named it. */
  host: string;
  /** How it was reached, e.g. `wmic /node`, `PsExec`, `admin share`. */
  via: string;
  /** The endpoint the command ran on. */
  from: string;
  eventIds: string[];
}

export interface RemoteArrival {
  endpoint: string;
  /** The remote-execution service that started the process. */
  service: string;
  process: string;
  eventIds: string[];
}

export interface RemoteLogon {
  endpoint: string;
  user: string;
  fromIp: string;
  eventIds: string[];
}

export interface LateralMovement {
  detected: boolean;
  targets: LateralTarget[];
  arrivals: RemoteArrival[];
  logons: RemoteLogon[];
}

const HOST = '([A-Za-z0-9][A-Za-z0-9._-]{0,62})';

/** Command-line shapes that run something on another machine. */
const REMOTE_COMMANDS: readonly { via: string; pattern: RegExp }[] = [
  { via: 'wmic /node', pattern: new RegExp(`/node:\\s*"?${HOST}`, 'gi') },
  {
    via: 'PsExec',
    pattern: new RegExp(`psexec(?:64)?(?:\\.exe)?"?(?:\\s+-\\S+)*\\s+\\\\\\\\${HOST}`, 'gi'),
  },
  { via: 'PowerShell remoting', pattern: new RegExp(`-ComputerName\\s+"?${HOST}`, 'gi') },
  {
    via: 'winrs',
    pattern: new RegExp(`\\bwinrs(?:\\.exe)?\\b.*?-r(?:emote)?:\\s*"?${HOST}`, 'gi'),
  },
  {
    via: 'remote scheduled task',
    pattern: new RegExp(`\\bschtasks(?:\\.exe)?\\b.*?/s\\s+"?${HOST}`, 'gi'),
  },
  { via: 'remote service', pattern: new RegExp(`\\bsc(?:\\.exe)?\\s+\\\\\\\\${HOST}`, 'gi') },
  { via: 'remote desktop', pattern: new RegExp(`\\bmstsc(?:\\.exe)?\\b.*?/v:\\s*"?${HOST}`, 'gi') },
  { via: 'admin share', pattern: new RegExp(`\\\\\\\\${HOST}\\\\(?:admin|ipc|[a-z])\\$`, 'gi') },
];

/** Services that start processes on behalf of another machine. */
const REMOTE_SERVICES = new Set([
  'wmiprvse.exe',
  'psexesvc.exe',
  'wsmprovhost.exe',
  'winrshost.exe',
]);

/** What a remote-execution service starting these means an operator is at work. */
const INTERACTIVE_CHILDREN = new Set([
  'cmd.exe',
  'powershell.exe',
  'pwsh.exe',
  'rundll32.exe',
  'mshta.exe',
  'cscript.exe',
  'wscript.exe',
  'regsvr32.exe',
  'msiexec.exe',
]);

const LOCAL = new Set(['localhost', '127.0.0.1', '.', '::1']);
const SYSTEM_USERS = new Set(['system', 'local service', 'network service', 'anonymous logon']);

function lower(text: string | undefined): string {
  return (text ?? '').toLowerCase();
}

function endpointOf(event: EvidenceEvent): string {
  return event.endpoint.name ?? event.endpoint.agentUuid ?? 'unknown endpoint';
}

function keyed<T extends { eventIds: string[] }>(map: Map<string, T>, key: string, make: () => T) {
  const found = map.get(key) ?? make();
  map.set(key, found);
  return found;
}

/**
 * Finds lateral movement in a case's evidence: commands that reach for other machines,
 * processes a remote-execution service started, and network logons by people (not
 * machine accounts) from other addresses. Each finding cites its events.
 */
export function findLateralMovement(events: readonly EvidenceEvent[]): LateralMovement {
  const targets = new Map<string, LateralTarget>();
  const arrivals = new Map<string, RemoteArrival>();
  const logons = new Map<string, RemoteLogon>();

  for (const event of events) {
    const endpoint = endpointOf(event);
    const command =
      event.type === 'Process Creation' ? event.target.process?.cmdline : event.process.cmdline;
    for (const { via, pattern } of REMOTE_COMMANDS) {
      for (const match of (command ?? '').matchAll(pattern)) {
        const host = (match[1] ?? '').replace(/[.]+$/, '');
        if (host === '' || LOCAL.has(lower(host)) || lower(host) === lower(endpoint)) continue;
        const target = keyed(targets, `${lower(host)}\u0000${via}`, () => ({
          host,
          via,
          from: endpoint,
          eventIds: [],
        }));
        if (!target.eventIds.includes(event.id)) target.eventIds.push(event.id);
      }
    }

    const service = lower(event.process.name);
    const child = lower(event.target.process?.name);
    const remoteChild =
      event.type === 'Process Creation' &&
      REMOTE_SERVICES.has(service) &&
      (service !== 'wmiprvse.exe' || INTERACTIVE_CHILDREN.has(child));
    if (remoteChild) {
      const arrival = keyed(arrivals, `${lower(endpoint)}\u0000${service}\u0000${child}`, () => ({
        endpoint,
        service: event.process.name ?? service,
        process: event.target.process?.name ?? child,
        eventIds: [],
      }));
      arrival.eventIds.push(event.id);
    }

    const login = event.target.login;
    const user = lower(login?.userName);
    const interactive = login?.type === 'NETWORK' || login?.type === 'REMOTE_INTERACTIVE';
    if (
      event.type === 'Login' &&
      interactive &&
      login?.success !== false &&
      login?.srcIp !== undefined &&
      !LOCAL.has(login.srcIp) &&
      user !== '' &&
      !user.endsWith('$') &&
      !SYSTEM_USERS.has(user)
    ) {
      const name =
        login.domain === undefined ? login.userName : `${login.domain}\\${login.userName}`;
      const logon = keyed(logons, `${lower(endpoint)}\u0000${user}\u0000${login.srcIp}`, () => ({
        endpoint,
        user: name ?? user,
        fromIp: login.srcIp ?? '',
        eventIds: [],
      }));
      logon.eventIds.push(event.id);
    }
  }

  const cap = <T extends { eventIds: string[] }>(items: Iterable<T>) =>
    [...items].map((item) => ({ ...item, eventIds: item.eventIds.slice(0, 10) }));

  return {
    detected: targets.size > 0 || arrivals.size > 0,
    targets: cap(targets.values()),
    arrivals: cap(arrivals.values()),
    logons: cap(logons.values()),
  };
}
