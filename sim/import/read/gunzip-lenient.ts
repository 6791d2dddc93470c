import { constants, gunzipSync, type ZlibOptions } from 'node:zlib';
import {
  DecompressionLimitError,
  isOutputLimitError,
  zlibOutputLimit,
} from './decompression-limit.ts';

export interface GunzipResult {
  bytes: Uint8Array;
  /** The stream ended before its trailer; `bytes` holds what could be inflated. */
  truncated: boolean;
}

/**
 * Inflates a gzip stream, keeping what a truncated stream still holds. Two of the OTRF
 * `.tar.gz` recordings lack their last few hundred bytes, yet their tar entries are whole.
 * Anything that is not gzip at all still throws. Output past `maxBytes` throws a
 * `DecompressionLimitError`: zlib stops there, so a gzip bomb never fills memory.
 */
export function gunzipLenient(data: Uint8Array, { maxBytes }: { maxBytes: number }): GunzipResult {
  try {
    return { bytes: inflate({ data, maxBytes, options: {} }), truncated: false };
  } catch (error) {
    if (!isUnexpectedEnd(error)) {
      throw error;
    }
    return {
      bytes: inflate({ data, maxBytes, options: { finishFlush: constants.Z_SYNC_FLUSH } }),
      truncated: true,
    };
  }
}

function inflate({
  data,
  maxBytes,
  options,
}: {
  data: Uint8Array;
  maxBytes: number;
  options: ZlibOptions;
}): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(data, { ...options, maxOutputLength: zlibOutputLimit(maxBytes) });
  } catch (error) {
    if (isOutputLimitError(error)) {
      throw tooLarge(maxBytes, error);
    }
    throw error;
  }
  // zlib cannot be told 0: with no budget left it lets one byte through.
  if (bytes.length > maxBytes) {
    throw tooLarge(maxBytes);
  }
  return bytes;
}

function tooLarge(maxBytes: number, cause?: unknown): DecompressionLimitError {
  return new DecompressionLimitError(`gzip stream inflates to more than ${maxBytes} bytes`, {
    cause,
  });
}

function isUnexpectedEnd(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
}
