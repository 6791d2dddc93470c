import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImportError } from '../import-error.ts';
import { gunzipLenient } from './gunzip-lenient.ts';
import { readTarEntries } from './tar-entries.ts';
import { readZipEntries } from './zip-entries.ts';

export type RecordingFormat = 'zip' | 'tar.gz' | 'ndjson' | 'folder';

export interface RecordingPart {
  /** Where the part came from, e.g. `x.zip/x_2020.json`. */
  name: string;
  bytes: Uint8Array;
}

export interface RecordingContents {
  format: RecordingFormat;
  parts: RecordingPart[];
  /** Files of the recording that are not Windows event logs (Zeek logs, pcaps). */
  otherFiles: string[];
  warnings: string[];
}

const NDJSON = /\.(json|ndjson|jsonl)$/i;
const TAR_GZ = /\.(tar\.gz|tgz)$/i;
const ZIP = /\.zip$/i;

/** The archive or file format a path names, judged by its extension. */
export function fileFormatOf(path: string): Exclude<RecordingFormat, 'folder'> | undefined {
  if (ZIP.test(path)) {
    return 'zip';
  }
  if (TAR_GZ.test(path)) {
    return 'tar.gz';
  }
  return NDJSON.test(path) ? 'ndjson' : undefined;
}

/** macOS resource forks (`__MACOSX/`, `._name`) ride along in some zips; never data. */
export function isResourceFork(name: string): boolean {
  return (
    name.startsWith('__MACOSX/') || name.includes('/__MACOSX/') || basename(name).startsWith('._')
  );
}

function isEventLogName(name: string): boolean {
  return NDJSON.test(name) && !isResourceFork(name);
}

/**
 * Reads a recording: a zip, a `.tar.gz`, a bare NDJSON file, or a folder holding any of
 * these (read as one recording, not recursively).
 */
export async function readRecordingContents(path: string): Promise<RecordingContents> {
  const info = await stat(path).catch((cause: unknown) => {
    throw new ImportError({
      code: 'IMPORT_SOURCE_NOT_FOUND',
      message: `recording not found: ${path}`,
      path,
      cause,
    });
  });

  if (info.isDirectory()) {
    return readFolder(path);
  }
  const format = fileFormatOf(path);
  if (format === undefined) {
    throw new ImportError({
      code: 'IMPORT_SOURCE_UNSUPPORTED',
      message: `unsupported recording ${path}: expected .zip, .tar.gz, .json/.ndjson or a folder`,
      path,
    });
  }
  const contents: RecordingContents = { format, parts: [], otherFiles: [], warnings: [] };
  await addFile({ contents, path, format, label: basename(path) });
  return contents;
}

async function readFolder(path: string): Promise<RecordingContents> {
  const contents: RecordingContents = {
    format: 'folder',
    parts: [],
    otherFiles: [],
    warnings: [],
  };
  const names = (await readdir(path)).sort();
  for (const name of names) {
    const format = fileFormatOf(name);
    const full = join(path, name);
    if (format === undefined || isResourceFork(name) || !(await stat(full)).isFile()) {
      continue;
    }
    await addFile({ contents, path: full, format, label: name });
  }
  return contents;
}

async function addFile({
  contents,
  path,
  format,
  label,
}: {
  contents: RecordingContents;
  path: string;
  format: Exclude<RecordingFormat, 'folder'>;
  label: string;
}): Promise<void> {
  const bytes = new Uint8Array(await readFile(path));
  if (format === 'ndjson') {
    contents.parts.push({ name: label, bytes });
    return;
  }

  try {
    if (format === 'zip') {
      const { entries, rejected } = readZipEntries(bytes, isEventLogName);
      contents.otherFiles.push(...rejected.filter((name) => !isResourceFork(name)));
      for (const entry of entries) {
        contents.parts.push({ name: `${label}/${entry.name}`, bytes: entry.data });
      }
      return;
    }

    const { bytes: tar, truncated: gzipTruncated } = gunzipLenient(bytes);
    const { entries, truncated: tarTruncated } = readTarEntries(tar);
    if (gzipTruncated || tarTruncated) {
      contents.warnings.push(
        `${label}: archive is truncated; imported the ${entries.length} entr${
          entries.length === 1 ? 'y' : 'ies'
        } it still holds`,
      );
    }
    for (const entry of entries) {
      if (isEventLogName(entry.name)) {
        contents.parts.push({ name: `${label}/${entry.name}`, bytes: entry.data });
      } else if (!isResourceFork(entry.name)) {
        contents.otherFiles.push(entry.name);
      }
    }
  } catch (cause) {
    throw new ImportError({
      code: 'IMPORT_ARCHIVE_CORRUPT',
      message: `cannot read ${format} archive ${path}: ${(cause as Error).message}`,
      path,
      cause,
    });
  }
}
