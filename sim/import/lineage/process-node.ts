import type { Hashes, IntegrityLevel } from '../windows/field-values.ts';

/** A process as the importer knows it: from its creation event or from events it caused. */
export interface ProcessNode {
  /** Normalised Sysmon ProcessGuid, or a synthetic key when the source has none. */
  key: string;
  /** Host key of the endpoint it ran on. */
  host: string;
  /** `src.process.uid`: 16 upper-case hex digits. */
  uid: string;
  pid?: number;
  imagePath?: string;
  /** Image file name, e.g. `cmd.exe`. */
  name?: string;
  cmdline?: string;
  user?: string;
  integrityLevel?: IntegrityLevel;
  displayName?: string;
  hashes: Hashes;
  /** Epoch milliseconds of its creation event, when one was recorded. */
  startTime?: number;
  parentKey?: string;
  /** Seen being created (Sysmon 1 or Security 4688), not merely referenced. */
  created: boolean;
  children: ProcessNode[];
  storylineId: string;
  isStorylineRoot: boolean;
}
