import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Scenario } from '../scenario.ts';
import { type AttackCatalog, loadAttackCatalog } from './attack/attack-catalog.ts';
import { ImportError } from './import-error.ts';
import { importRecording } from './import-recording.ts';
import type { ImportSummary } from './import-summary.ts';
import { MetadataIndex } from './metadata/metadata-index.ts';
import { findRecordings } from './read/find-recordings.ts';

/** The catalogue file inside a datasets folder, used when none is passed. */
export const DEFAULT_ATTACK_FILE = join('attack', 'enterprise-attack-v18.1.json');

export type ImportOutcome =
  | { status: 'imported'; path: string; scenario: Scenario; summary: ImportSummary }
  /** Not host telemetry (a Zeek or pcap archive): nothing to import, nothing wrong. */
  | { status: 'skipped'; path: string; reason: string }
  | { status: 'failed'; path: string; error: ImportError };

export interface ImportRecordingsOptions {
  /** Files and folders; folders are searched recursively for recordings. */
  paths: readonly string[];
  attack?: AttackCatalog;
  datasetsRoot?: string;
  siteName?: string;
  clock?: Clock;
  logger?: Logger;
  /** Bytes each recording's archives may inflate to, all together; 1 GiB unless set. */
  maxDecompressedBytes?: number;
}

/**
 * Imports every recording under `paths`, one at a time: each outcome is yielded before
 * the next recording is read, so only one recording's events are ever in memory. A
 * recording that cannot be imported is reported, not thrown.
 */
export async function* importRecordings(
  options: ImportRecordingsOptions,
): AsyncGenerator<ImportOutcome> {
  const attack = options.attack ?? (await defaultCatalog(options.datasetsRoot));
  const metadataIndex = new MetadataIndex();

  for await (const path of findRecordings(options.paths)) {
    try {
      const { scenario, summary } = await importRecording({
        path,
        metadataIndex,
        ...(attack === undefined ? {} : { attack }),
        ...(options.datasetsRoot === undefined ? {} : { datasetsRoot: options.datasetsRoot }),
        ...(options.siteName === undefined ? {} : { siteName: options.siteName }),
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.logger === undefined ? {} : { logger: options.logger }),
        ...(options.maxDecompressedBytes === undefined
          ? {}
          : { maxDecompressedBytes: options.maxDecompressedBytes }),
      });
      yield { status: 'imported', path, scenario, summary };
    } catch (error) {
      if (!(error instanceof ImportError)) {
        throw error;
      }
      yield error.code === 'IMPORT_NO_EVENT_LOGS'
        ? { status: 'skipped', path, reason: error.message }
        : { status: 'failed', path, error };
    }
  }
}

async function defaultCatalog(
  datasetsRoot: string | undefined,
): Promise<AttackCatalog | undefined> {
  if (datasetsRoot === undefined) {
    return undefined;
  }
  const path = join(datasetsRoot, DEFAULT_ATTACK_FILE);
  return existsSync(path) ? loadAttackCatalog({ path }) : undefined;
}
