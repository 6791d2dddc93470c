import { constants, gunzipSync } from 'node:zlib';

export interface GunzipResult {
  bytes: Uint8Array;
  /** The stream ended before its trailer; `bytes` holds what could be inflated. */
  truncated: boolean;
}

/**
 * Inflates a gzip stream, keeping what a truncated stream still holds. Two of the OTRF
 * `.tar.gz` recordings lack their last few hundred bytes, yet their tar entries are whole.
 * Anything that is not gzip at all still throws.
 */
export function gunzipLenient(data: Uint8Array): GunzipResult {
  try {
    return { bytes: gunzipSync(data), truncated: false };
  } catch (error) {
    if (!isUnexpectedEnd(error)) {
      throw error;
    }
    return {
      bytes: gunzipSync(data, { finishFlush: constants.Z_SYNC_FLUSH }),
      truncated: true,
    };
  }
}

function isUnexpectedEnd(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
}
