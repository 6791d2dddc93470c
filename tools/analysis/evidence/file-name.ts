import type {
  EvidenceParentProcess,
  EvidenceProcess,
  EvidenceTargetProcess,
} from './evidence-event.ts';

/** The last segment of a Windows or POSIX path, lower-cased (`C:\\x\\Cmd.EXE` -> `cmd.exe`). */
export function fileNameOf(path: string | undefined): string {
  if (path === undefined) {
    return '';
  }
  const trimmed = path.trim().replace(/^"+|"+$/g, '');
  const cut = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  return trimmed.slice(cut + 1).toLowerCase();
}

type AnyProcess = EvidenceProcess | EvidenceTargetProcess | EvidenceParentProcess;

/** A process's image name, lower-cased: its name, else the end of its image path. */
export function imageNameOf(process: AnyProcess | undefined): string {
  if (process === undefined) {
    return '';
  }
  return process.name !== undefined ? fileNameOf(process.name) : fileNameOf(process.imagePath);
}
