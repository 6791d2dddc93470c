import { inflateRawSync } from 'node:zlib';
import {
  DecompressionLimitError,
  isOutputLimitError,
  zlibOutputLimit,
} from './decompression-limit.ts';
import {
  compressedDataOf,
  readZipDirectory,
  type ZipDirectoryEntry,
  ZipFormatError,
} from './zip-directory.ts';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export interface ZipReadResult {
  entries: ZipEntry[];
  /** Names of the file entries `accept` turned down. */
  rejected: string[];
}

const STORED = 0;
const DEFLATED = 8;

/**
 * Inflates only the entries `accept` wants, so a zip that also carries a pcap or macOS
 * resource forks costs nothing for them. The accepted entries may inflate to `maxBytes`
 * together: their declared sizes are weighed before anything is inflated, and each is
 * inflated no further than its declared size, so a header that lies cannot pass the cap.
 */
export function readZipEntries(
  archive: Uint8Array,
  { accept, maxBytes }: { accept: (name: string) => boolean; maxBytes: number },
): ZipReadResult {
  const rejected: string[] = [];
  const wanted: ZipDirectoryEntry[] = [];
  for (const entry of readZipDirectory(archive)) {
    if (entry.name.endsWith('/')) {
      continue;
    }
    if (accept(entry.name)) {
      wanted.push(entry);
    } else {
      rejected.push(entry.name);
    }
  }

  const declared = wanted.reduce((total, entry) => total + entry.originalSize, 0);
  if (declared > maxBytes) {
    throw new DecompressionLimitError(
      `zip entries declare ${declared} bytes, more than the ${maxBytes} allowed`,
    );
  }

  // A name listed twice keeps its last entry, as fflate's reader did.
  const byName = new Map<string, Uint8Array>();
  for (const entry of wanted) {
    byName.set(entry.name, inflateEntry(archive, entry));
  }
  const entries = [...byName].map(([name, data]) => ({ name, data }));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries, rejected };
}

function inflateEntry(archive: Uint8Array, entry: ZipDirectoryEntry): Uint8Array {
  const compressed = compressedDataOf(archive, entry);
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.originalSize) {
      throw new ZipFormatError(`${entry.name} is stored, yet its two sizes differ`);
    }
    // A copy, so the part does not keep the whole archive (pcaps and all) in memory.
    return compressed.slice();
  }
  if (entry.method !== DEFLATED) {
    throw new ZipFormatError(`${entry.name}: unsupported compression method ${entry.method}`);
  }
  // Some writers give an empty file no deflate stream at all, which zlib calls truncated.
  if (compressed.length === 0 && entry.originalSize === 0) {
    return new Uint8Array(0);
  }

  let data: Uint8Array;
  try {
    data = inflateRawSync(compressed, { maxOutputLength: zlibOutputLimit(entry.originalSize) });
  } catch (error) {
    if (isOutputLimitError(error)) {
      throw outgrown(entry, error);
    }
    throw error;
  }
  if (data.length > entry.originalSize) {
    throw outgrown(entry);
  }
  if (data.length < entry.originalSize) {
    const declared = entry.originalSize;
    throw new ZipFormatError(
      `${entry.name} inflates to ${data.length} bytes, but its header declares ${declared}`,
    );
  }
  return data;
}

function outgrown(entry: ZipDirectoryEntry, cause?: unknown): ZipFormatError {
  return new ZipFormatError(
    `${entry.name} inflates to more than the ${entry.originalSize} bytes its header declares`,
    { cause },
  );
}
