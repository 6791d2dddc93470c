import { constants as bufferConstants } from 'node:buffer';
import { CasebookError } from '../../../lib/casebook-error.ts';

/**
 * The most bytes one recording may inflate to, zip and gzip output together. The largest
 * OTRF recording inflates to a few hundred MB; a gzip of zeros inflates a thousandfold, so
 * without a cap a 13 MB file can take gigabytes of memory.
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;

/** Inflating would pass the byte limit; the reader stopped before it did. */
export class DecompressionLimitError extends CasebookError {
  readonly fault = 'user';
  readonly code = 'DECOMPRESSION_LIMIT_EXCEEDED';
}

/**
 * The `maxOutputLength` to hand zlib for a budget of `maxBytes`. zlib wants at least 1, so
 * an empty budget still lets one byte through: callers check the length they got.
 */
export function zlibOutputLimit(maxBytes: number): number {
  return Math.min(Math.max(1, Math.floor(maxBytes)), bufferConstants.MAX_LENGTH);
}

/** zlib's error when output passes `maxOutputLength`: it aborts as soon as it does. */
export function isOutputLimitError(error: unknown): boolean {
  return (
    error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

/** `1 GiB (1073741824 bytes)`: the unit a person reads, and the number to configure. */
export function describeByteLimit(bytes: number): string {
  const units: [string, number][] = [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const amount = Math.round((bytes / size) * 10) / 10;
      return `${amount} ${unit} (${bytes} bytes)`;
    }
  }
  return `${bytes} bytes`;
}
