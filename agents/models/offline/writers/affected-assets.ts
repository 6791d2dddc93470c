import type { AffectedEndpoint } from '../../../schemas/triage-finding.ts';
import { processCitations } from './process-citations.ts';
import { isServiceAccount } from './process-roles.ts';
import type { TriageEvidence } from './triage-evidence.ts';

function key(name: string): string {
  return name.toLowerCase();
}

/** Endpoints the case touched: where it fired, what it reached, what shares its IOCs. */
export function affectedEndpoints(evidence: TriageEvidence): AffectedEndpoint[] {
  const { threat, tree, lateral, timeline } = evidence;
  const listed = new Map<string, AffectedEndpoint>();
  const citationsOn = (endpoint: string) =>
    [
      ...new Set(
        tree.processes
          .filter(
            (process) => process.endpoint !== undefined && key(process.endpoint) === key(endpoint),
          )
          .flatMap((process) => processCitations(process, tree)),
      ),
    ].slice(0, 5);
  const add = (entry: AffectedEndpoint) => {
    if (entry.eventIds.length === 0 || listed.has(key(entry.name))) return;
    listed.set(key(entry.name), entry);
  };

  // Events without process ids build no tree; the timeline and techniques still place them.
  const originIds = citationsOn(threat.agentComputerName);
  const fromTimeline = (timeline?.entries ?? [])
    .filter(
      (entry) =>
        entry.endpoint !== undefined && key(entry.endpoint) === key(threat.agentComputerName),
    )
    .flatMap((entry) => entry.eventIds)
    .slice(0, 5);
  add({
    name: threat.agentComputerName,
    agentId: threat.agentId,
    role: 'origin',
    eventIds:
      originIds.length > 0
        ? originIds
        : fromTimeline.length > 0
          ? fromTimeline
          : (evidence.techniques.techniques[0]?.eventIds.slice(0, 5) ?? []),
  });
  for (const target of lateral.targets) {
    const onHost = citationsOn(target.host);
    add({
      name: target.host,
      role: 'lateral',
      eventIds: onHost.length > 0 ? onHost : target.eventIds,
    });
  }
  for (const arrival of lateral.arrivals) {
    add({ name: arrival.endpoint, role: 'lateral', eventIds: arrival.eventIds });
  }
  for (const hit of timeline?.sweep.hits ?? []) {
    add({ name: hit.endpoint, role: 'sweep', eventIds: hit.eventIds });
  }

  return [...listed.values()];
}

/** People whose accounts ran the case's processes or logged on across machines. */
export function affectedUsers(evidence: TriageEvidence): { name: string; eventIds: string[] }[] {
  const { tree, lateral } = evidence;
  const users = new Map<string, { name: string; eventIds: string[] }>();
  const add = (name: string, eventIds: string[]) => {
    if (eventIds.length === 0 || isServiceAccount(name)) return;
    const entry = users.get(key(name)) ?? { name, eventIds: [] };
    entry.eventIds = [...new Set([...entry.eventIds, ...eventIds])].slice(0, 5);
    users.set(key(name), entry);
  };

  for (const process of tree.processes) {
    if (process.user !== undefined) add(process.user, processCitations(process, tree));
  }
  for (const logon of lateral.logons) add(logon.user, logon.eventIds);

  return [...users.values()];
}
