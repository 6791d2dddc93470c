import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import type { ProcessTree } from '../process-tree/process-tree.ts';
import type { ThreatFocus } from './evidence-pack.ts';

/**
 * The processes a threat is about: the threat process's ancestors, itself and everything
 * it started. Without a process to go on, every process of the threat's storyline and
 * their descendants. Root first, then in tree order. `active` leaves out ancestors from
 * outside the threat's storyline (explorer.exe): their lines matter, their other work not.
 */
export function threatLineage({
  threat,
  events,
  tree,
}: {
  threat: ThreatFocus | undefined;
  events: readonly EvidenceEvent[];
  tree: ProcessTree;
}): { uids: string[]; active: Set<string> } {
  if (threat === undefined) {
    return { uids: [], active: new Set() };
  }
  const byUid = new Map(tree.processes.map((process) => [process.uid, process]));
  const seeds = threatProcesses(threat, events, tree);
  const starts =
    seeds.length > 0
      ? seeds
      : tree.processes
          .filter((process) => threat.storyline != null && process.storyline === threat.storyline)
          .map((process) => process.uid);

  const lineage = new Set<string>();
  const active = new Set<string>();
  for (const uid of starts) {
    const storyline = byUid.get(uid)?.storyline;
    const ancestors: string[] = [];
    for (let up = byUid.get(uid)?.parentUid; up !== undefined; up = byUid.get(up)?.parentUid) {
      if (ancestors.includes(up)) break;
      ancestors.unshift(up);
    }
    for (const ancestor of ancestors) {
      lineage.add(ancestor);
      if (storyline !== undefined && byUid.get(ancestor)?.storyline === storyline)
        active.add(ancestor);
    }
    const stack = [uid];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (!lineage.has(next) || next === uid) {
        lineage.add(next);
        active.add(next);
        stack.push(...(byUid.get(next)?.childUids ?? []).filter((child) => !lineage.has(child)));
      }
    }
  }
  const order = new Map(tree.processes.map((process, index) => [process.uid, index]));
  const uids = [...lineage].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return { uids, active };
}

function threatProcesses(
  threat: ThreatFocus,
  events: readonly EvidenceEvent[],
  tree: ProcessTree,
): string[] {
  if (threat.processUid !== undefined) {
    return [threat.processUid];
  }
  if (threat.eventId !== undefined) {
    const event = events.find((candidate) => candidate.id === threat.eventId);
    const uid = event?.type === 'Process Creation' ? event.target.process?.uid : event?.process.uid;
    if (uid !== undefined) return [uid];
  }

  const sha1 = threat.sha1?.toLowerCase();
  const path = threat.filePath?.toLowerCase();
  const command = threat.commandLine ?? undefined;
  const candidates = tree.processes.filter(
    (process) =>
      (sha1 !== undefined && process.sha1 === sha1) ||
      (command !== undefined && process.cmdline === command) ||
      (path !== undefined && process.imagePath?.toLowerCase() === path),
  );
  const inStoryline = candidates.filter(
    (process) => threat.storyline != null && process.storyline === threat.storyline,
  );
  const chosen = (inStoryline.length > 0 ? inStoryline : candidates)[0];
  return chosen === undefined ? [] : [chosen.uid];
}
