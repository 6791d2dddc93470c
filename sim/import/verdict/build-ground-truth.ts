import type { GroundTruth, ScenarioAgent } from '../../scenario.ts';
import type { ProcessNode } from '../lineage/process-node.ts';
import type { ProcessTable } from '../lineage/process-table.ts';
import { descendantsOf, storylineAncestry } from '../lineage/storylines.ts';
import type { AttackerCommand } from '../metadata/attacker-commands.ts';
import { isExternalDomain, isPublicIp } from './network-scope.ts';
import type { ImportedEvent, ThreatPlacement } from './place-threat.ts';
import type { TechniqueLabels } from './technique-labels.ts';
import { severityFor } from './threat-classification.ts';
import { isStockWindowsBinary } from './windows-binaries.ts';

type Ioc = GroundTruth['iocs'][number];

const DROPPED_FILE = /\.(exe|dll|sys|ps1|psm1|bat|cmd|vbs|js|hta|sct|chm|cpl|inf|xll|dmp|dit)$/i;
const URL = /\bhttps?:\/\/[^\s"'<>`]+/gi;
const MAX_ATTACKER_LINES = 200;
const MAX_IOCS = 100;
const PROGRAM_FILES = /^[a-z]:\\program files( \(x86\))?\\/i;

/**
 * The malicious lineage: the threat process's ancestors within its storyline, the
 * process itself and everything it started; likewise for other processes that ran an
 * attacker command. Root cause first (the earliest storyline root of those trees, e.g.
 * the payload a user opened, even when the detection fired in a later storyline), then
 * in start order.
 */
export function maliciousLineage(table: ProcessTable, placement: ThreatPlacement): ProcessNode[] {
  const lineage = new Map<string, ProcessNode>();
  const roots: ProcessNode[] = [];
  const addTree = (node: ProcessNode) => {
    const ancestry = storylineAncestry(table, node);
    if (ancestry[0] !== undefined) {
      roots.push(ancestry[0]);
    }
    for (const member of [...ancestry, ...descendantsOf(node)]) {
      lineage.set(member.key, member);
    }
  };
  addTree(placement.process);
  for (const node of placement.related) {
    addTree(node);
  }

  const startOf = (node: ProcessNode) => node.startTime ?? Number.POSITIVE_INFINITY;
  const root = roots.reduce((earliest, node) =>
    startOf(node) < startOf(earliest) ? node : earliest,
  );
  const rest = [...lineage.values()]
    .filter((node) => node !== root)
    .sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  return [root, ...rest];
}

export function buildGroundTruth({
  verdict,
  labels,
  placement,
  lineage,
  events,
  agents,
  commands,
  rawViewLines,
  notes,
}: {
  verdict: GroundTruth['verdict'];
  labels: TechniqueLabels;
  placement: ThreatPlacement;
  lineage: readonly ProcessNode[];
  events: readonly ImportedEvent[];
  agents: ReadonlyMap<string, ScenarioAgent>;
  commands: readonly AttackerCommand[];
  rawViewLines: readonly string[];
  notes: string;
}): GroundTruth {
  const hosts = [placement.process.host, ...lineage.map((node) => node.host)];
  const affected = [...new Set(hosts)].flatMap((host) => agents.get(host)?.computerName ?? []);
  const commandLines = [...new Set(commands.map((command) => command.line))];

  return {
    verdict,
    severity: severityFor(labels.tactics),
    techniques: labels.techniques.map((technique) => technique.id),
    sourceTechniques: labels.sourceIds,
    maliciousProcessUids: lineage.map((node) => node.uid),
    rootCauseProcessUid: lineage[0]?.uid,
    affectedEndpoints: affected,
    iocs: iocsOf({ lineage, events, agents }),
    attackerCommands: (commandLines.length > 0 ? commandLines : rawViewLines).slice(
      0,
      MAX_ATTACKER_LINES,
    ),
    notes,
  };
}

function iocsOf({
  lineage,
  events,
  agents,
}: {
  lineage: readonly ProcessNode[];
  events: readonly ImportedEvent[];
  agents: ReadonlyMap<string, ScenarioAgent>;
}): Ioc[] {
  const iocs: Ioc[] = [];
  const add = (type: Ioc['type'], value: string | undefined) => {
    if (
      value !== undefined &&
      iocs.length < MAX_IOCS &&
      !iocs.some((ioc) => ioc.type === type && ioc.value === value)
    ) {
      iocs.push({ type, value });
    }
  };

  // An installed application (WINWORD.EXE opening the macro) is the same file everywhere;
  // a program under Program Files only counts when the attack put it there.
  const dropped = new Set<string>();
  for (const { mapped, event } of events) {
    const path = event['tgt.file.path'];
    if (mapped.type === 'File Creation' && typeof path === 'string') {
      dropped.add(path.toLowerCase());
    }
  }
  for (const node of lineage) {
    const image = node.imagePath;
    if (
      image === undefined ||
      isStockWindowsBinary(image) ||
      (PROGRAM_FILES.test(image) && !dropped.has(image.toLowerCase()))
    ) {
      continue;
    }
    add('sha256', node.hashes.sha256);
    add('sha1', node.hashes.sha1);
    add('md5', node.hashes.md5);
    add('path', node.imagePath);
  }
  for (const node of lineage) {
    for (const url of node.cmdline?.match(URL) ?? []) {
      add('url', url.replace(/[).,;]+$/, ''));
    }
  }

  const malicious = new Set(lineage.map((node) => node.key));
  const ownDomains = [...agents.values()].map((agent) => agent.domain.toLowerCase());
  for (const { mapped, event } of events) {
    if (!malicious.has(mapped.src.key)) {
      continue;
    }
    const value = (key: string) => {
      const field = event[key];
      return typeof field === 'string' ? field : undefined;
    };
    if (mapped.type === 'IP Connect') {
      const ip = value('dst.ip.address');
      add('ip', ip !== undefined && isPublicIp(ip) ? ip : undefined);
    } else if (mapped.type === 'DNS Resolved' || mapped.type === 'DNS Unresolved') {
      const name = value('event.dns.request');
      add('domain', name !== undefined && isExternalDomain(name, ownDomains) ? name : undefined);
    } else if (mapped.type === 'File Creation') {
      const path = value('tgt.file.path');
      add('path', path !== undefined && DROPPED_FILE.test(path) ? path : undefined);
    }
  }
  return iocs;
}
