import type { WindowsRecord } from '../windows/windows-record.ts';
import type { MappedRecord } from './dv-event.ts';
import { mapPowerShellRecord } from './map-powershell.ts';
import { mapSecurityRecord } from './map-security.ts';
import { mapSysmonRecord } from './map-sysmon.ts';
import { IGNORED, type MappingContext, type MappingOutcome } from './mapping-context.ts';

/** Maps any Windows record, by channel, to a Deep Visibility event (or says why not). */
export function mapRecord(
  record: WindowsRecord,
  context: MappingContext,
): MappingOutcome<MappedRecord> {
  switch (record.kind) {
    case 'sysmon':
      return mapSysmonRecord(record, context);
    case 'security':
      return mapSecurityRecord(record, context);
    case 'powershell':
      return mapPowerShellRecord(record, context);
    default:
      return IGNORED;
  }
}
