import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { RecordingMetadata } from './recording-metadata.ts';

export interface MetadataMatch {
  metadata: RecordingMetadata;
  /** The YAML file it came from. */
  file: string;
  /** The `files[].link` path after `/master/`: the recording's path under `otrf/`. */
  linkPath: string;
  /** `link` when the whole path matched; `file-name` when only the name did. */
  matchedBy: 'link' | 'file-name';
  /** `Host` or `Network`, as the metadata types the file. */
  fileType: string | undefined;
}

interface LoadedMetadata {
  metadata: RecordingMetadata;
  file: string;
  links: { path: string; type: string | undefined }[];
}

/**
 * Finds the metadata of a recording in the `_metadata` folders next to or above it.
 * Folders are read once and kept, so importing a whole tree parses each YAML once.
 */
export class MetadataIndex {
  private readonly folders = new Map<string, Promise<LoadedMetadata[]>>();
  private readonly problems: string[] = [];

  /** Metadata files that could not be used, since the last call to this method. */
  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  async find(recordingPath: string, stopAt?: string): Promise<MetadataMatch | undefined> {
    const recording = resolve(recordingPath).split(sep).join('/');
    const limit = stopAt === undefined ? undefined : resolve(stopAt);
    const byName: MetadataMatch[] = [];

    let folder = dirname(resolve(recordingPath));
    for (;;) {
      const entries = await this.load(join(folder, '_metadata'));
      for (const entry of entries) {
        for (const link of entry.links) {
          const match = { metadata: entry.metadata, file: entry.file, linkPath: link.path };
          if (recording.endsWith(`/${link.path}`)) {
            return { ...match, matchedBy: 'link', fileType: link.type };
          }
          if (basename(link.path) === basename(recording)) {
            byName.push({ ...match, matchedBy: 'file-name', fileType: link.type });
          }
        }
      }
      const parent = dirname(folder);
      if (parent === folder || folder === limit) {
        return byName[0];
      }
      folder = parent;
    }
  }

  private load(folder: string): Promise<LoadedMetadata[]> {
    let pending = this.folders.get(folder);
    if (pending === undefined) {
      pending = this.readFolder(folder);
      this.folders.set(folder, pending);
    }
    return pending;
  }

  private async readFolder(folder: string): Promise<LoadedMetadata[]> {
    const isFolder = await stat(folder).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!isFolder) {
      return [];
    }
    const names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
    const loaded: LoadedMetadata[] = [];
    for (const name of names) {
      const file = join(folder, name);
      const entry = await this.readOne(file);
      if (entry !== undefined) {
        loaded.push(entry);
      }
    }
    return loaded;
  }

  private async readOne(file: string): Promise<LoadedMetadata | undefined> {
    let raw: unknown;
    try {
      raw = parse(await readFile(file, 'utf8'));
    } catch (error) {
      this.problems.push(`${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
      return undefined;
    }
    const result = RecordingMetadata.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      this.problems.push(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
      return undefined;
    }
    const links = (result.data.files ?? []).map((entry) => ({
      path: linkPathOf(entry.link),
      type: entry.type ?? undefined,
    }));
    return { metadata: result.data, file, links };
  }
}

/** `https://raw.githubusercontent.com/OTRF/Security-Datasets/master/datasets/x.zip` → `datasets/x.zip`. */
export function linkPathOf(link: string): string {
  const marker = '/master/';
  const cut = link.indexOf(marker);
  if (cut !== -1) {
    return link.slice(cut + marker.length);
  }
  return link.replace(/^[a-z]+:\/\/[^/]+\//i, '');
}
