import { ProcessTable } from '../lineage/process-table.ts';
import type { MappedRecord } from '../mapping/dv-event.ts';
import { mapRecord } from '../mapping/map-record.ts';
import type { SysmonCoverage } from '../mapping/mapping-context.ts';
import { recordsOf } from './records.ts';
import type { RawRecord } from './windows-events.ts';

export interface MappingRun {
  table: ProcessTable;
  mapped: MappedRecord[];
  /** What became of each record, in input order. */
  outcomes: string[];
}

/** Maps raw records in order with one process table, as the importer does. */
export function mapRaw(
  raws: readonly RawRecord[],
  coverage: SysmonCoverage = { processCreation: true, network: true },
): MappingRun {
  const table = new ProcessTable();
  const scriptHosts = new Map();
  const mapped: MappedRecord[] = [];
  const outcomes: string[] = [];
  for (const record of recordsOf(raws)) {
    const outcome = mapRecord(record, { table, host: record.host, coverage, scriptHosts });
    outcomes.push(outcome.kind === 'mapped' ? outcome.value.type : outcome.kind);
    if (outcome.kind === 'mapped') {
      mapped.push(outcome.value);
    }
  }
  return { table, mapped, outcomes };
}
