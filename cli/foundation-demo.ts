import type { Clock } from '../lib/clock.ts';
import { systemClock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import {
  type Agent,
  collectItems,
  createSentinelOneClient,
  type NetworkStatus,
  type SentinelOneClient,
  type Threat,
} from '../tools/sentinelone/index.ts';

const STORYLINE_PAGE = 10;

/**
 * Walks a console through what casebook's foundation does, using only the typed client
 * over HTTP: the same calls work against a real console.
 */
export async function runFoundationDemo({
  url,
  token,
  focusThreatId,
  logger,
  clock = systemClock,
  write,
}: {
  url: string;
  token: string;
  focusThreatId?: string | undefined;
  logger: Logger;
  clock?: Clock;
  write: (line: string) => void;
}): Promise<void> {
  const client = createSentinelOneClient({ baseUrl: url, token, logger, clock });
  write(`console: ${url} (simulator)`);

  const threats = await collectItems(client.iterateThreats({ limit: 50 }));
  write('');
  write(`threats (${threats.length}):`);
  for (const threat of threats) write(`  ${describeThreat(threat)}`);

  const threat = threats.find((t) => t.id === focusThreatId) ?? threats[0];
  if (!threat) {
    write('no threats loaded; nothing more to show');
    return;
  }
  write('');
  write(`case: threat ${threat.id} (${threat.threatInfo.threatName})`);

  await showStoryline({ client, threat, write });
  await showHunt({ client, threat, write });

  await client.addThreatNote({
    threatIds: [threat.id],
    text: 'casebook demo: this note was written through the typed client.',
  });
  const notes = await collectItems(client.iterateThreatNotes({ threatId: threat.id }));
  write('');
  write(`notes on the threat (${notes.length}):`);
  for (const note of notes) write(`  ${note.createdAt}  ${note.text}`);

  const agentId = threat.agentRealtimeInfo.agentId;
  write('');
  write(`isolating endpoint ${threat.agentRealtimeInfo.agentComputerName} (agent ${agentId})`);
  await client.disconnectAgents({ ids: [agentId] });
  await waitForNetworkStatus({ client, agentId, want: 'disconnected', clock, write });
  await client.connectAgents({ ids: [agentId] });
  await waitForNetworkStatus({ client, agentId, want: 'connected', clock, write });

  const activities = await collectItems(client.iterateActivities({ limit: 100 }));
  write('');
  write(`console activity log (${activities.length}):`);
  for (const activity of activities) {
    write(
      `  ${activity.createdAt}  ${activity.primaryDescription ?? `type ${activity.activityType}`}`,
    );
  }
}

function describeThreat(threat: Threat): string {
  const info = threat.threatInfo;
  return [
    threat.id,
    info.confidenceLevel.padEnd(10),
    info.classification.padEnd(14),
    threat.agentRealtimeInfo.agentComputerName.padEnd(16),
    info.threatName,
  ].join('  ');
}

async function showStoryline({
  client,
  threat,
  write,
}: {
  client: SentinelOneClient;
  threat: Threat;
  write: (line: string) => void;
}): Promise<void> {
  const eventTypes: string[] = [];
  let pages = 0;

  for await (const page of client.iterateThreatEvents({
    threatId: threat.id,
    limit: STORYLINE_PAGE,
  })) {
    pages += 1;
    for (const event of page.items) eventTypes.push(event.eventType);
  }

  write(
    `  storyline ${threat.threatInfo.storyline}: ${eventTypes.length} events in ${pages} pages`,
  );
  writeCounts({ names: eventTypes, write });
}

async function showHunt({
  client,
  threat,
  write,
}: {
  client: SentinelOneClient;
  threat: Threat;
  write: (line: string) => void;
}): Promise<void> {
  const created = Date.parse(threat.threatInfo.createdAt);
  const query = `EventType = "Process Creation" AND EndpointName = "${threat.agentRealtimeInfo.agentComputerName}"`;
  const pages = client.runDvQuery({
    query,
    fromDate: new Date(created - 86_400_000).toISOString(),
    toDate: new Date(created + 3_600_000).toISOString(),
    limit: 1000,
    pageSize: 1000,
  });
  const events = await collectItems(pages);

  write('');
  write(`deep visibility: ${query}`);
  write(`  ${events.length} process creations; most frequent:`);
  writeCounts({
    names: events.map((event) => String(event.tgtProcName ?? '?')),
    most: 5,
    write,
  });
}

/**
 * How often each name occurs, most frequent first, at most `most` of them. The sort is
 * stable, so names seen equally often stay in the order they first appeared.
 */
function writeCounts({
  names,
  most = Number.POSITIVE_INFINITY,
  write,
}: {
  names: readonly string[];
  most?: number;
  write: (line: string) => void;
}): void {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);

  for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, most)) {
    write(`    ${name.padEnd(28)} ${count}`);
  }
}

async function waitForNetworkStatus({
  client,
  agentId,
  want,
  clock,
  write,
}: {
  client: SentinelOneClient;
  agentId: string;
  want: NetworkStatus;
  clock: Clock;
  write: (line: string) => void;
}): Promise<Agent> {
  const deadline = clock.now() + 30_000;
  let last: NetworkStatus | undefined;

  for (;;) {
    const agent = await client.getAgent({ id: agentId });
    if (agent.networkStatus !== last) {
      write(`  networkStatus: ${agent.networkStatus}`);
      last = agent.networkStatus;
    }
    if (agent.networkStatus === want) return agent;
    if (clock.now() > deadline) throw new Error(`agent ${agentId} never reached ${want}`);
    await clock.sleep(250);
  }
}
