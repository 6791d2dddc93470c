import { sortedByTime } from '../evidence/by-time.ts';
import { connectionOf } from '../evidence/connection-of.ts';
import type {
  EvidenceEvent,
  EvidenceParentProcess,
  EvidenceProcess,
  EvidenceTargetProcess,
} from '../evidence/evidence-event.ts';
import { imageNameOf } from '../evidence/file-name.ts';
import { parseAnalysisInput } from '../parse-analysis-input.ts';
import { moduleNote } from './notable-modules.ts';
import {
  BuildProcessTreeInput,
  type ProcessActivity,
  type ProcessSummary,
  type ProcessTree,
} from './process-tree.ts';

/** Event ids cited per activity line; `count` says how many there were. */
const CITED_IDS = 5;

type ListName =
  | 'filesWritten'
  | 'registryChanges'
  | 'network'
  | 'dns'
  | 'crossProcess'
  | 'modulesOfNote';

interface NodeBuilder {
  uid: string;
  facts: Partial<ProcessSummary>;
  parentUid: string | undefined;
  children: string[];
  createdByEventId: string | undefined;
  firstSeen: number;
  lastSeen: number;
  eventCount: number;
  lists: Record<ListName, Map<string, ProcessActivity>>;
  counts: Record<string, number>;
}

/**
 * Builds the process tree of a case: parent and child by process uid (from process
 * creations and from the parent fields every event carries), each process with what it
 * did. Validates its input; see `processTreeOf` for already-checked events.
 */
export function buildProcessTree(input: BuildProcessTreeInput): ProcessTree {
  const parsed = parseAnalysisInput('buildProcessTree', BuildProcessTreeInput, input);
  return processTreeOf(parsed.events, parsed);
}

export function processTreeOf(
  events: readonly EvidenceEvent[],
  options: { maxDepth?: number; rootUids?: readonly string[]; maxItemsPerList?: number } = {},
): ProcessTree {
  const maxDepth = options.maxDepth ?? 12;
  const maxItems = options.maxItemsPerList ?? 15;
  const nodes = new Map<string, NodeBuilder>();
  let unattributed = 0;

  for (const event of sortedByTime(events)) {
    const src = event.process;
    if (src.uid === undefined) {
      unattributed += 1;
      continue;
    }
    const actor = nodeFor(nodes, src.uid, event.time);
    mergeFacts(actor, src, event);
    actor.eventCount += 1;
    actor.lastSeen = Math.max(actor.lastSeen, event.time);
    actor.counts[event.category] = (actor.counts[event.category] ?? 0) + 1;
    recordActivity(actor, event);

    if (src.parent?.uid !== undefined && src.parent.uid !== src.uid) {
      const parent = nodeFor(nodes, src.parent.uid, event.time);
      mergeFacts(parent, src.parent, event);
      link(nodes, parent, actor);
    }

    const created = event.type === 'Process Creation' ? event.target.process : undefined;
    if (created?.uid !== undefined && created.uid !== src.uid) {
      const child = nodeFor(nodes, created.uid, event.time);
      mergeFacts(child, created, event);
      child.createdByEventId ??= event.id;
      child.firstSeen = Math.min(child.firstSeen, event.time);
      link(nodes, actor, child);
    }
  }

  return render({ nodes, maxDepth, maxItems, rootUids: options.rootUids, unattributed });
}

function nodeFor(nodes: Map<string, NodeBuilder>, uid: string, time: number): NodeBuilder {
  let node = nodes.get(uid);
  if (node === undefined) {
    node = {
      uid,
      facts: {},
      parentUid: undefined,
      children: [],
      createdByEventId: undefined,
      firstSeen: time,
      lastSeen: time,
      eventCount: 0,
      lists: {
        filesWritten: new Map(),
        registryChanges: new Map(),
        network: new Map(),
        dns: new Map(),
        crossProcess: new Map(),
        modulesOfNote: new Map(),
      },
      counts: {},
    };
    nodes.set(uid, node);
  }
  return node;
}

/** The first value seen for a fact wins; later events only fill gaps. */
function mergeFacts(
  node: NodeBuilder,
  process: EvidenceProcess | EvidenceTargetProcess | EvidenceParentProcess,
  event: EvidenceEvent,
): void {
  const facts = node.facts;
  const full = process as EvidenceProcess;
  facts.name ??= process.name;
  facts.imagePath ??= process.imagePath;
  facts.cmdline ??= process.cmdline;
  facts.pid ??= process.pid;
  facts.sha1 ??= process.sha1;
  facts.sha256 ??= full.sha256;
  facts.user ??= full.user;
  facts.integrity ??= full.integrity;
  facts.storyline ??= process.storyline;
  facts.endpoint ??= event.endpoint.name ?? event.endpoint.agentUuid;
}

/** Links a child to its parent unless it already has one or the link would close a loop. */
function link(nodes: Map<string, NodeBuilder>, parent: NodeBuilder, child: NodeBuilder): void {
  if (child.parentUid !== undefined) {
    return;
  }
  for (let up: NodeBuilder | undefined = parent; up !== undefined; ) {
    if (up.uid === child.uid) {
      return;
    }
    up = up.parentUid === undefined ? undefined : nodes.get(up.parentUid);
  }
  child.parentUid = parent.uid;
  parent.children.push(child.uid);
}

function recordActivity(node: NodeBuilder, event: EvidenceEvent): void {
  const target = event.target;
  switch (event.category) {
    case 'file':
      add(node, 'filesWritten', event, target.file?.path ?? target.file?.oldPath);
      break;
    case 'registry':
      add(node, 'registryChanges', event, target.registry?.path ?? target.registry?.keyPath);
      break;
    case 'ip':
      add(node, 'network', event, connectionOf(event), event.target.network?.direction);
      break;
    case 'url':
      add(node, 'network', event, target.url?.address);
      break;
    case 'dns':
      add(node, 'dns', event, target.dns?.request);
      break;
    case 'cross_process': {
      const other = target.process;
      const name = other?.name ?? other?.imagePath ?? 'unknown process';
      const value = other?.uid === undefined ? name : `${name} (${other.uid})`;
      add(node, 'crossProcess', event, value, other?.accessRights);
      break;
    }
    case 'module': {
      const path = target.module?.path;
      const note = path === undefined ? undefined : moduleNote(path, imageNameOf(event.process));
      if (note !== undefined) {
        add(node, 'modulesOfNote', event, path, undefined, note);
      }
      break;
    }
    default:
      break;
  }
}

function add(
  node: NodeBuilder,
  list: ListName,
  event: EvidenceEvent,
  value: string | undefined,
  qualifier?: string,
  note?: string,
): void {
  const shown = value ?? '(unknown)';
  const action = qualifier === undefined ? event.type : `${event.type} ${qualifier.toLowerCase()}`;
  const key = `${action}\u0000${shown}`;
  const entry = node.lists[list].get(key);
  if (entry === undefined) {
    node.lists[list].set(key, {
      value: shown,
      action,
      count: 1,
      firstSeen: event.time,
      eventIds: [event.id],
      ...(note === undefined ? {} : { note }),
    });
    return;
  }
  entry.count += 1;
  if (entry.eventIds.length < CITED_IDS) {
    entry.eventIds.push(event.id);
  }
}

function render({
  nodes,
  maxDepth,
  maxItems,
  rootUids,
  unattributed,
}: {
  nodes: Map<string, NodeBuilder>;
  maxDepth: number;
  maxItems: number;
  rootUids: readonly string[] | undefined;
  unattributed: number;
}): ProcessTree {
  const byStart = (a: NodeBuilder, b: NodeBuilder) =>
    a.firstSeen - b.firstSeen || (a.uid < b.uid ? -1 : 1);
  const roots =
    rootUids === undefined
      ? [...nodes.values()].filter((node) => node.parentUid === undefined).sort(byStart)
      : rootUids.flatMap((uid) => nodes.get(uid) ?? []);

  const processes: ProcessSummary[] = [];
  const visit = (node: NodeBuilder, depth: number): void => {
    const children = node.children.flatMap((uid) => nodes.get(uid) ?? []).sort(byStart);
    const listed = depth < maxDepth;
    processes.push(summaryOf(node, depth, maxItems, listed ? 0 : descendantCount(nodes, node)));
    if (listed) {
      for (const child of children) {
        visit(child, depth + 1);
      }
    }
  };
  for (const root of roots) {
    visit(root, 0);
  }

  return {
    roots: roots.map((root) => root.uid),
    processes,
    processCount: processes.length,
    unattributedEvents: unattributed,
  };
}

function descendantCount(nodes: Map<string, NodeBuilder>, node: NodeBuilder): number {
  let count = 0;
  const stack = [...node.children];
  while (stack.length > 0) {
    const next = nodes.get(stack.pop() ?? '');
    if (next !== undefined) {
      count += 1;
      stack.push(...next.children);
    }
  }
  return count;
}

function summaryOf(
  node: NodeBuilder,
  depth: number,
  maxItems: number,
  omittedDescendants: number,
): ProcessSummary {
  const list = (name: ListName) =>
    [...node.lists[name].values()].sort((a, b) => a.firstSeen - b.firstSeen).slice(0, maxItems);
  return {
    uid: node.uid,
    ...definedOnly(node.facts),
    ...(node.parentUid === undefined ? {} : { parentUid: node.parentUid }),
    depth,
    ...(node.createdByEventId === undefined ? {} : { createdByEventId: node.createdByEventId }),
    firstSeen: node.firstSeen,
    lastSeen: Math.max(node.lastSeen, node.firstSeen),
    eventCount: node.eventCount,
    childUids: omittedDescendants > 0 ? [] : [...node.children],
    omittedDescendants,
    filesWritten: list('filesWritten'),
    registryChanges: list('registryChanges'),
    network: list('network'),
    dns: list('dns'),
    crossProcess: list('crossProcess'),
    modulesOfNote: list('modulesOfNote'),
    counts: { ...node.counts },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
