import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportError } from '../import-error.ts';
import { fileFormatOf, isResourceFork } from './recording-contents.ts';

/** Folders that never hold recordings: metadata, macOS forks, VCS internals. */
const SKIPPED_FOLDERS = new Set(['_metadata', '__MACOSX', '.git', 'node_modules']);

/**
 * Expands paths into recording files: a file stands for itself, a folder is walked
 * recursively and every zip, `.tar.gz` and NDJSON file in it is one recording. Yields
 * in sorted order so a run over the same tree is repeatable.
 */
export async function* findRecordings(paths: readonly string[]): AsyncGenerator<string> {
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new ImportError({
        code: 'IMPORT_SOURCE_NOT_FOUND',
        message: `recording path not found: ${path}`,
        path,
        cause,
      });
    });
    if (info.isDirectory()) {
      yield* walk(path);
    } else {
      yield path;
    }
  }
}

async function* walk(folder: string): AsyncGenerator<string> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) {
        yield* walk(full);
      }
    } else if (entry.isFile() && fileFormatOf(entry.name) && !isResourceFork(entry.name)) {
      yield full;
    }
  }
}
