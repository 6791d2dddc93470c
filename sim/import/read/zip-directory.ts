import { CasebookError } from '../../../lib/casebook-error.ts';

/** One file of a zip, as its central directory describes it. */
export interface ZipDirectoryEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else the importer cannot read. */
  method: number;
  compressedSize: number;
  /** What the archive claims the entry inflates to; a bomb may lie. */
  originalSize: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

/** The bytes are not a zip archive the reader understands. */
export class ZipFormatError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'ZIP_FORMAT_INVALID';
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** A 32-bit size or offset with this value is stored in the zip64 extra field instead. */
const ZIP64_MARK = 0xffffffff;
const ZIP64_EXTRA = 0x0001;
const UTF8_NAMES = 0x0800;
/** The end record may be followed by a comment of up to this many bytes. */
const MAX_COMMENT = 0xffff;

const utf8 = new TextDecoder('utf-8');

/**
 * Lists the entries of a zip from its central directory, without inflating anything: the
 * caller decides what to inflate, and can weigh the declared sizes first.
 */
export function readZipDirectory(archive: Uint8Array): ZipDirectoryEntry[] {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const reader = new ZipReader(view);
  const end = findEndOfDirectory(reader);
  let count = reader.u16(end + 10);
  let offset = reader.u32(end + 16);
  if (end >= 20 && reader.u32(end - 20) === ZIP64_LOCATOR) {
    const zip64End = reader.u64(end - 12);
    if (reader.u32(zip64End) === ZIP64_END_OF_DIRECTORY) {
      count = reader.u64(zip64End + 32);
      offset = reader.u64(zip64End + 48);
    }
  }

  const entries: ZipDirectoryEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (reader.u32(offset) !== DIRECTORY_HEADER) {
      throw new ZipFormatError(`central directory entry ${index} is damaged`);
    }
    const nameLength = reader.u16(offset + 28);
    const extraLength = reader.u16(offset + 30);
    const commentLength = reader.u16(offset + 32);
    const nameBytes = reader.bytes(offset + 46, nameLength);
    const sizes = withZip64Sizes({
      reader,
      extraStart: offset + 46 + nameLength,
      extraLength,
      sizes: {
        compressedSize: reader.u32(offset + 20),
        originalSize: reader.u32(offset + 24),
        headerOffset: reader.u32(offset + 42),
      },
    });
    entries.push({
      name: decodeName(nameBytes, (reader.u16(offset + 8) & UTF8_NAMES) !== 0),
      method: reader.u16(offset + 10),
      ...sizes,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The stored (still compressed) bytes of an entry, located through its local header. */
export function compressedDataOf(archive: Uint8Array, entry: ZipDirectoryEntry): Uint8Array {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const reader = new ZipReader(view);
  const header = entry.headerOffset;
  if (reader.u32(header) !== LOCAL_HEADER) {
    throw new ZipFormatError(`${entry.name}: local header missing at byte ${header}`);
  }
  const start = header + 30 + reader.u16(header + 26) + reader.u16(header + 28);
  return reader.bytes(start, entry.compressedSize);
}

function findEndOfDirectory(reader: ZipReader): number {
  const last = reader.length - 22;
  for (let offset = last; offset >= 0 && last - offset <= MAX_COMMENT; offset -= 1) {
    if (reader.u32(offset) === END_OF_DIRECTORY) {
      return offset;
    }
  }
  throw new ZipFormatError('no end of central directory record: not a zip, or cut short');
}

/** Names without the UTF-8 flag are read a byte per character, as fflate's reader did. */
function decodeName(bytes: Uint8Array, isUtf8: boolean): string {
  return isUtf8 ? utf8.decode(bytes) : Buffer.from(bytes).toString('latin1');
}

interface EntrySizes {
  compressedSize: number;
  originalSize: number;
  headerOffset: number;
}

/** Replaces the 32-bit fields marked as too large with their zip64 extra-field values. */
function withZip64Sizes({
  reader,
  extraStart,
  extraLength,
  sizes,
}: {
  reader: ZipReader;
  extraStart: number;
  extraLength: number;
  sizes: EntrySizes;
}): EntrySizes {
  // The zip64 field holds only the marked values, in this order.
  const marked = (['originalSize', 'compressedSize', 'headerOffset'] as const).filter(
    (key) => sizes[key] === ZIP64_MARK,
  );
  if (marked.length === 0) {
    return sizes;
  }
  const extraEnd = extraStart + extraLength;
  for (let field = extraStart; field + 4 <= extraEnd; field += 4 + reader.u16(field + 2)) {
    if (reader.u16(field) === ZIP64_EXTRA) {
      const result = { ...sizes };
      marked.forEach((key, index) => {
        result[key] = reader.u64(field + 4 + 8 * index);
      });
      return result;
    }
  }
  throw new ZipFormatError('an entry marks its size as zip64 but has no zip64 field');
}

/** Little-endian reads that fail as a format error, not a RangeError, past the end. */
class ZipReader {
  readonly #view: DataView;

  constructor(view: DataView) {
    this.#view = view;
  }

  get length(): number {
    return this.#view.byteLength;
  }

  u16(offset: number): number {
    this.#need(offset, 2);
    return this.#view.getUint16(offset, true);
  }

  u32(offset: number): number {
    this.#need(offset, 4);
    return this.#view.getUint32(offset, true);
  }

  u64(offset: number): number {
    this.#need(offset, 8);
    const value = this.#view.getBigUint64(offset, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new ZipFormatError(`64-bit field at byte ${offset} is too large`);
    }
    return Number(value);
  }

  bytes(offset: number, length: number): Uint8Array {
    this.#need(offset, length);
    const view = this.#view;
    return new Uint8Array(view.buffer, view.byteOffset + offset, length);
  }

  #need(offset: number, length: number): void {
    if (offset < 0 || offset + length > this.#view.byteLength) {
      throw new ZipFormatError(`archive ends before byte ${offset + length}`);
    }
  }
}
