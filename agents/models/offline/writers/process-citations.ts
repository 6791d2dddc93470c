import type { ProcessSummary, ProcessTree } from '../../../../tools/analysis/index.ts';

/** The events that show a process: its creation, its own activity, or a child it started. */
export function processCitations(process: ProcessSummary, tree: ProcessTree): string[] {
  const own = [
    process.createdByEventId,
    ...[
      process.filesWritten,
      process.registryChanges,
      process.network,
      process.dns,
      process.crossProcess,
      process.modulesOfNote,
    ].flatMap((list) => list.flatMap((activity) => activity.eventIds)),
  ].filter((id): id is string => id !== undefined);
  if (own.length > 0) return [...new Set(own)].slice(0, 5);

  // A parent seen only through its children: the child's creation event names it.
  const child = tree.processes.find(
    (candidate) => candidate.parentUid === process.uid && candidate.createdByEventId !== undefined,
  );
  return child?.createdByEventId === undefined ? [] : [child.createdByEventId];
}
