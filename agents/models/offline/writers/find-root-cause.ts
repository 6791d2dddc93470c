import type { ProcessSummary, ProcessTree } from '../../../../tools/analysis/index.ts';
import type { RootCause } from '../../../schemas/triage-finding.ts';
import type { ThreatView } from '../case-views.ts';
import { processCitations } from './process-citations.ts';
import { LAUNCHERS } from './process-roles.ts';

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return (
    a !== undefined &&
    a !== null &&
    b !== undefined &&
    b !== null &&
    a.toLowerCase() === b.toLowerCase()
  );
}

/** The process the threat fired on: by command line, image, name, then storyline. */
export function threatProcess(threat: ThreatView, tree: ProcessTree): ProcessSummary | undefined {
  const onEndpoint = tree.processes.filter(
    (process) => process.endpoint === undefined || same(process.endpoint, threat.agentComputerName),
  );
  const byStart = (list: ProcessSummary[]) =>
    [...list].sort((a, b) => a.firstSeen - b.firstSeen || (a.uid < b.uid ? -1 : 1))[0];

  return (
    byStart(onEndpoint.filter((process) => same(process.cmdline, threat.commandLine))) ??
    byStart(onEndpoint.filter((process) => same(process.imagePath, threat.filePath))) ??
    byStart(onEndpoint.filter((process) => same(process.name, threat.threatName))) ??
    byStart(onEndpoint.filter((process) => same(process.storyline, threat.storyline)))
  );
}

/**
 * The initial execution vector: from the threat's process up its ancestry to the first
 * process below a launcher (the shell, the service manager, session start-up).
 */
export function findRootCause(threat: ThreatView, tree: ProcessTree): RootCause | null {
  const start = threatProcess(threat, tree);
  if (start === undefined) return null;

  const byUid = new Map(tree.processes.map((process) => [process.uid, process]));
  let root = start;
  for (let hops = 0; hops < 64; hops += 1) {
    const parent = root.parentUid === undefined ? undefined : byUid.get(root.parentUid);
    if (parent === undefined || LAUNCHERS.has((parent.name ?? '').toLowerCase())) break;
    root = parent;
  }

  const eventIds = processCitations(root, tree);
  if (eventIds.length === 0) return null;
  const parent = root.parentUid === undefined ? undefined : byUid.get(root.parentUid);
  const command = root.cmdline === undefined ? '' : ` (${clip(root.cmdline, 240)})`;
  const by = parent?.name === undefined ? '' : `, started by ${parent.name}`;
  const where = root.endpoint === undefined ? '' : ` on ${root.endpoint}`;
  const who = root.user === undefined ? '' : ` as ${root.user}`;

  return {
    description:
      `${root.name ?? root.uid}${command}${by}${where}${who}, which began the chain the ` +
      'threat belongs to',
    processUid: root.uid,
    ...(root.name === undefined ? {} : { processName: root.name }),
    eventIds,
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
