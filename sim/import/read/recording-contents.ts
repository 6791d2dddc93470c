import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ImportError } from '../import-error.ts';
import {
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  DecompressionLimitError,
  describeByteLimit,
} from './decompression-limit.ts';
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

export interface ReadRecordingOptions {
  /** Bytes the recording's archives may inflate to, all together; 1 GiB unless set. */
  maxDecompressedBytes?: number;
}

/** What one recording may still inflate to, spent archive by archive. */
interface ByteBudget {
  readonly limit: number;
  used: number;
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
 * these (read as one recording, not recursively). Bare NDJSON is read as it is on disk;
 * only what archives inflate to counts against `maxDecompressedBytes`, as only that can
 * grow a thousandfold past the file's size.
 */
export async function readRecordingContents(
  path: string,
  { maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES }: ReadRecordingOptions = {},
): Promise<RecordingContents> {
  const budget: ByteBudget = { limit: maxDecompressedBytes, used: 0 };
  const info = await stat(path).catch((cause: unknown) => {
    throw new ImportError({
      code: 'IMPORT_SOURCE_NOT_FOUND',
      message: `recording not found: ${path}`,
      path,
      cause,
    });
  });

  if (info.isDirectory()) {
    return readFolder(path, budget);
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
  await addFile({ contents, path, format, label: basename(path), budget });
  return contents;
}

async function readFolder(path: string, budget: ByteBudget): Promise<RecordingContents> {
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
    await addFile({ contents, path: full, format, label: name, budget });
  }
  return contents;
}

async function addFile({
  contents,
  path,
  format,
  label,
  budget,
}: {
  contents: RecordingContents;
  path: string;
  format: Exclude<RecordingFormat, 'folder'>;
  label: string;
  budget: ByteBudget;
}): Promise<void> {
  const bytes = new Uint8Array(await readFile(path));
  if (format === 'ndjson') {
    contents.parts.push({ name: label, bytes });
    return;
  }

  const maxBytes = budget.limit - budget.used;
  try {
    if (format === 'zip') {
      const { entries, rejected } = readZipEntries(bytes, { accept: isEventLogName, maxBytes });
      contents.otherFiles.push(...rejected.filter((name) => !isResourceFork(name)));
      for (const entry of entries) {
        budget.used += entry.data.length;
        contents.parts.push({ name: `${label}/${entry.name}`, bytes: entry.data });
      }
      return;
    }

    const { bytes: tar, truncated: gzipTruncated } = gunzipLenient(bytes, { maxBytes });
    budget.used += tar.length;
    const { entries, truncated: tarTruncated, cutEntry } = readTarEntries(tar);
    const truncated = gzipTruncated || tarTruncated;
    if (truncated && !entries.some((entry) => isEventLogName(entry.name))) {
      throw new ImportError({
        code: 'IMPORT_ARCHIVE_TRUNCATED',
        message: `${path} is truncated and holds no whole event log${
          cutEntry === undefined ? '' : `: ${cutEntry} is cut off`
        }`,
        path,
      });
    }
    if (truncated) {
      contents.warnings.push(truncationWarning({ label, kept: entries.length, cutEntry }));
    }
    for (const entry of entries) {
      if (isEventLogName(entry.name)) {
        contents.parts.push({ name: `${label}/${entry.name}`, bytes: entry.data });
      } else if (!isResourceFork(entry.name)) {
        contents.otherFiles.push(entry.name);
      }
    }
  } catch (cause) {
    if (cause instanceof ImportError) {
      throw cause;
    }
    if (cause instanceof DecompressionLimitError) {
      throw new ImportError({
        code: 'IMPORT_ARCHIVE_TOO_LARGE',
        message: `cannot import ${path}: the recording inflates to more than ${describeByteLimit(
          budget.limit,
        )}, the most one recording may hold (a zip or gzip bomb, or too big to import)`,
        path,
        cause,
      });
    }
    throw new ImportError({
      code: 'IMPORT_ARCHIVE_CORRUPT',
      message: `cannot read ${format} archive ${path}: ${(cause as Error).message}`,
      path,
      cause,
    });
  }
}

function truncationWarning({
  label,
  kept,
  cutEntry,
}: {
  label: string;
  kept: number;
  cutEntry: string | undefined;
}): string {
  const entries = `${kept} entr${kept === 1 ? 'y' : 'ies'}`;
  return cutEntry === undefined
    ? `${label}: archive is truncated; imported the ${entries} it still holds`
    : `${label}: archive is truncated; dropped ${cutEntry}, whose data is cut off, ` +
        `and imported the ${entries} it still holds whole`;
}
