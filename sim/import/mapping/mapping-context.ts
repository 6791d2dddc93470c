import type { ProcessNode } from '../lineage/process-node.ts';
import type { ProcessTable } from '../lineage/process-table.ts';

/** Which kinds of activity Sysmon records for an endpoint in this recording. */
export interface SysmonCoverage {
  processCreation: boolean;
  network: boolean;
}

export interface MappingContext {
  table: ProcessTable;
  /** Host key of the record's endpoint. */
  host: string;
  coverage: SysmonCoverage;
  /**
   * The PowerShell host that last logged on each endpoint: script block events (4104)
   * of some pipelines name no process, and belong to the session logging around them.
   */
  scriptHosts: Map<string, ProcessNode>;
}

/** What became of a record: an event, an unmapped event id, or a duplicate of Sysmon. */
export type MappingOutcome<T> = { kind: 'mapped'; value: T } | { kind: 'ignored' | 'superseded' };

export const IGNORED = { kind: 'ignored' } as const;
export const SUPERSEDED = { kind: 'superseded' } as const;
