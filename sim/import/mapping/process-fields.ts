import type { ProcessNode } from '../lineage/process-node.ts';
import type { ProcessTable } from '../lineage/process-table.ts';
import { type DvEvent, putFields } from './dv-event.ts';

function isoOf(time: number | undefined): string | undefined {
  return time === undefined || Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Writes `src.process.*` for the actor, with `src.process.parent.*` when its parent is known. */
export function putSourceProcess({
  event,
  node,
  table,
}: {
  event: DvEvent;
  node: ProcessNode;
  table: ProcessTable;
}): void {
  putFields(event, {
    'src.process.name': node.name,
    'src.process.cmdline': node.cmdline,
    'src.process.image.path': node.imagePath,
    'src.process.image.sha1': node.hashes.sha1,
    'src.process.image.sha256': node.hashes.sha256,
    'src.process.image.md5': node.hashes.md5,
    'src.process.pid': node.pid,
    'src.process.uid': node.uid,
    'src.process.storyline.id': node.storylineId,
    'src.process.user': node.user,
    'src.process.displayName': node.displayName,
    'src.process.integrityLevel': node.integrityLevel,
    'src.process.startTime': isoOf(node.startTime),
    'src.process.isStorylineRoot': node.isStorylineRoot,
  });

  const parent = table.parentOf(node);
  if (parent !== undefined) {
    putFields(event, {
      'src.process.parent.name': parent.name,
      'src.process.parent.cmdline': parent.cmdline,
      'src.process.parent.image.path': parent.imagePath,
      'src.process.parent.image.sha1': parent.hashes.sha1,
      'src.process.parent.pid': parent.pid,
      'src.process.parent.uid': parent.uid,
      'src.process.parent.storyline.id': parent.storylineId,
    });
  }
}

/** Writes `tgt.process.*` for the created, opened or injected process. */
export function putTargetProcess(event: DvEvent, node: ProcessNode): void {
  putFields(event, {
    'tgt.process.name': node.name,
    'tgt.process.cmdline': node.cmdline,
    'tgt.process.image.path': node.imagePath,
    'tgt.process.image.sha1': node.hashes.sha1,
    'tgt.process.image.sha256': node.hashes.sha256,
    'tgt.process.image.md5': node.hashes.md5,
    'tgt.process.pid': node.pid,
    'tgt.process.uid': node.uid,
    'tgt.process.storyline.id': node.storylineId,
    'tgt.process.user': node.user,
    'tgt.process.displayName': node.displayName,
    'tgt.process.integrityLevel': node.integrityLevel,
  });
}
