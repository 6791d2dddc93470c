import { unzipSync } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export interface ZipReadResult {
  entries: ZipEntry[];
  /** Names of the file entries `accept` turned down. */
  rejected: string[];
}

/**
 * Inflates only the entries `accept` wants, so a zip that also carries a pcap or macOS
 * resource forks costs nothing for them.
 */
export function readZipEntries(
  archive: Uint8Array,
  accept: (name: string) => boolean,
): ZipReadResult {
  const rejected: string[] = [];
  const files = unzipSync(archive, {
    filter: (file) => {
      if (file.name.endsWith('/')) {
        return false;
      }
      if (accept(file.name)) {
        return true;
      }
      rejected.push(file.name);
      return false;
    },
  });
  const entries = Object.entries(files).map(([name, data]) => ({ name, data }));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { entries, rejected };
}
