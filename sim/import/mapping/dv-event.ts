import type { EventType } from '../../../tools/s1ql/event-types.ts';
import type { ProcessNode } from '../lineage/process-node.ts';
import type { WindowsRecord } from '../windows/windows-record.ts';

/** A Deep Visibility event keyed by the catalogue's dotted v2 names. */
export type DvEvent = Record<string, string | number | boolean | null>;

/**
 * A record mapped to an event type and its own fields, before the process fields are
 * written: those need storyline ids, which exist only once every process is known.
 */
export interface MappedRecord {
  record: WindowsRecord;
  type: EventType;
  /** Event-specific fields (network, file, registry...), absent values already left out. */
  fields: DvEvent;
  /** `src.process`: the actor (the parent, for a process creation). */
  src: ProcessNode;
  /** `tgt.process`: the created, opened or injected process. */
  tgt?: ProcessNode;
}

export type OptionalFields = Record<string, string | number | boolean | undefined>;

/** Copies the fields that have a value: absent fields are omitted, never null. */
export function putFields(event: DvEvent, fields: OptionalFields): void {
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined && value !== '') {
      event[key] = value;
    }
  }
}
