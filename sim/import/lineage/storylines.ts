import { hexId } from '../stable-id.ts';
import type { ProcessNode } from './process-node.ts';
import type { ProcessTable } from './process-table.ts';

/**
 * Images that start other processes on the system's behalf. A child of one of these is
 * not part of its parent's story (a service, a scheduled task, a user double-click), so
 * it roots a new storyline, as SentinelOne does.
 */
export const STORYLINE_BOUNDARIES: ReadonlySet<string> = new Set([
  'system',
  'registry',
  'smss.exe',
  'csrss.exe',
  'wininit.exe',
  'winlogon.exe',
  'services.exe',
  'svchost.exe',
  'userinit.exe',
  'explorer.exe',
  'wmiprvse.exe',
]);

export function isStorylineBoundary(node: ProcessNode | undefined): boolean {
  return node?.name !== undefined && STORYLINE_BOUNDARIES.has(node.name.toLowerCase());
}

/** The storyline id a root process gives its tree. */
export function storylineIdFor(rootUid: string): string {
  return hexId(`storyline:${rootUid}`, 16);
}

/**
 * Gives every process its storyline: the tree under the nearest ancestor whose parent is
 * unknown or a boundary process. Returns the number of storylines.
 */
export function assignStorylines(table: ProcessTable): number {
  const roots = new Set<string>();
  for (const node of table.nodes()) {
    const root = rootOf(table, node);
    node.storylineId = root.storylineId || storylineIdFor(root.uid);
    root.storylineId = node.storylineId;
    root.isStorylineRoot = true;
    roots.add(root.key);
  }
  return roots.size;
}

function rootOf(table: ProcessTable, start: ProcessNode): ProcessNode {
  const seen = new Set<string>();
  let node = start;
  for (;;) {
    const parent = table.parentOf(node);
    // A cycle can only come from pid reuse in pid-keyed sources; stop where it closes.
    if (parent === undefined || isStorylineBoundary(parent) || seen.has(parent.key)) {
      return node;
    }
    seen.add(node.key);
    node = parent;
  }
}

/** The process and its ancestors up to (and including) the root of its storyline, root first. */
export function storylineAncestry(table: ProcessTable, node: ProcessNode): ProcessNode[] {
  const chain = [node];
  const seen = new Set([node.key]);
  let current = node;
  while (!current.isStorylineRoot) {
    const parent = table.parentOf(current);
    if (parent === undefined || seen.has(parent.key)) {
      break;
    }
    chain.push(parent);
    seen.add(parent.key);
    current = parent;
  }
  return chain.reverse();
}

/** Every process started under `node`, directly or not, in start order. */
export function descendantsOf(node: ProcessNode): ProcessNode[] {
  const found: ProcessNode[] = [];
  const seen = new Set([node.key]);
  const pending = [...node.children];
  while (pending.length > 0) {
    const next = pending.shift();
    if (next === undefined || seen.has(next.key)) {
      continue;
    }
    seen.add(next.key);
    found.push(next);
    pending.push(...next.children);
  }
  return found.sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
}
