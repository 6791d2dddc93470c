import { CasebookError } from '../../../lib/casebook-error.ts';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

export interface TarReadResult {
  /** The regular files whose data is all there. */
  entries: TarEntry[];
  /** The archive stopped inside an entry or before its end-of-archive blocks. */
  truncated: boolean;
  /** The regular file the archive stopped inside of; left out of `entries`. */
  cutEntry: string | undefined;
}

/** The bytes are not a tar archive the reader understands. */
export class TarFormatError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'TAR_FORMAT_INVALID';
}

const BLOCK = 512;

interface Span {
  start: number;
  length: number;
}
const decoder = new TextDecoder();

/**
 * Reads the regular files of a ustar (or GNU / pax) tar archive. Only what the importer
 * needs: names (with ustar prefix, GNU long names and pax `path`), sizes and data. A file
 * whose data the archive cuts off is named, never returned: its start would pass for the
 * whole file, and a cut NDJSON log reads as a shorter attack.
 */
export function readTarEntries(archive: Uint8Array): TarReadResult {
  const entries: TarEntry[] = [];
  let offset = 0;
  let pendingName: string | undefined;

  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) {
      return { entries, truncated: false, cutEntry: undefined };
    }
    verifyChecksum(header, offset);

    const size = readSize(header);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    const isFile = type === '0' || type === '\0' || type === '7';
    if (dataEnd > archive.length) {
      const cutEntry = isFile ? (pendingName ?? headerName(header)) : undefined;
      return { entries, truncated: true, cutEntry };
    }
    const data = archive.subarray(dataStart, dataEnd);

    if (type === 'L') {
      pendingName = readString(data, { start: 0, length: data.length });
    } else if (type === 'x') {
      pendingName = paxPath(data) ?? pendingName;
    } else if (isFile) {
      entries.push({ name: pendingName ?? headerName(header), data });
      pendingName = undefined;
    } else {
      pendingName = undefined;
    }

    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  // Ran out of bytes before the two zero blocks that end every tar archive.
  return { entries, truncated: true, cutEntry: undefined };
}

function headerName(header: Uint8Array): string {
  const name = readString(header, { start: 0, length: 100 });
  const isUstar = readString(header, { start: 257, length: 5 }) === 'ustar';
  const prefix = isUstar ? readString(header, { start: 345, length: 155 }) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** A NUL-terminated header field. */
function readString(bytes: Uint8Array, { start, length }: Span): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end === -1 ? field : field.subarray(0, end));
}

function readSize(header: Uint8Array): number {
  // GNU base-256 encoding marks large sizes with the high bit of the first byte.
  if (((header[124] ?? 0) & 0x80) !== 0) {
    let size = 0;
    for (let i = 125; i < 136; i += 1) {
      size = size * 256 + (header[i] ?? 0);
    }
    return size;
  }
  return readOctal(header, { start: 124, length: 12 });
}

function readOctal(bytes: Uint8Array, { start, length }: Span): number {
  const text = readString(bytes, { start, length }).trim();
  if (text === '') {
    return 0;
  }
  const value = Number.parseInt(text, 8);
  if (Number.isNaN(value)) {
    throw new TarFormatError(`bad octal field "${text}" at byte ${start}`);
  }
  return value;
}

function verifyChecksum(header: Uint8Array, offset: number): void {
  const expected = readOctal(header, { start: 148, length: 8 });
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) {
    sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  }
  if (sum !== expected) {
    throw new TarFormatError(`tar header checksum mismatch at byte ${offset}`);
  }
}

/** A pax extended header is a list of `<length> <key>=<value>\n` records. */
function paxPath(data: Uint8Array): string | undefined {
  for (const record of decoder.decode(data).split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match?.[1] !== undefined) {
      return match[1];
    }
  }
  return undefined;
}
