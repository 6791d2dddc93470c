import type { FieldDef } from '../../../tools/s1ql/fields.ts';
import { type ColumnValue, EVENT_FIELDS } from '../events/event-columns.ts';
import { groupIdOf } from '../identity/sim-account.ts';
import { toEventTimestamp, toRestTimestamp } from '../rest-time.ts';

/** Event columns plus the live agent columns the DV JSON reports, as read by the queries. */
export type DvEventRow = Record<string, ColumnValue> & {
  event_id: string;
  a_id: string | null;
  a_computer_name: string | null;
  a_os_type: string | null;
  a_machine_type: string | null;
  a_domain: string | null;
  a_site_name: string | null;
  a_group_name: string | null;
  a_network_status: string | null;
  a_ip_addresses: string | null;
};

/** The SELECT list behind `DvEventRow`; expects the event table as `e`, agents as `a`. */
export const DV_EVENT_SELECT = [
  'e.event_id',
  ...EVENT_FIELDS.map((field) => `e.${field.column}`),
  'a.id AS a_id',
  'a.computer_name AS a_computer_name',
  'a.os_type AS a_os_type',
  'a.machine_type AS a_machine_type',
  'a.domain AS a_domain',
  'a.site_name AS a_site_name',
  'a.group_name AS a_group_name',
  'a.network_status AS a_network_status',
  'a.ip_addresses AS a_ip_addresses',
].join(', ');

/** Ports are the numbers the console renders as JSON numbers; other numbers are strings. */
const NUMERIC_KEYS = new Set(['srcPort', 'dstPort']);

/** Keys a client may rely on being present and non-null; left out rather than null. */
const OMIT_WHEN_NULL = new Set(['agentId', 'objectType']);

function renderValue(field: FieldDef, value: ColumnValue): string | number | null {
  if (value === null) {
    return null;
  }
  switch (field.type) {
    case 'time':
      return toEventTimestamp(Number(value));
    case 'boolean':
      return Number(value) === 0 ? 'False' : 'True';
    case 'number':
      return NUMERIC_KEYS.has(field.dv) ? Number(value) : String(value);
    default:
      return String(value);
  }
}

function firstIpv4(json: string | null): string | null {
  if (json === null) return null;
  const all = JSON.parse(json) as string[];
  return all.find((ip) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) ?? all[0] ?? null;
}

/**
 * One event as `/dv/events` renders it (3.2): every catalogue field under its camelCase
 * key, numbers and booleans as strings like the console sends them, plus the agent
 * fields and the legacy aliases (`processName`, `pid`, `storyline`...) integrations read.
 */
export function renderDvEvent(row: DvEventRow): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.event_id };
  for (const field of EVENT_FIELDS) {
    out[field.dv] = renderValue(field, row[field.column] ?? null);
  }

  const v = (key: string): unknown => out[key] ?? null;
  const isFileEvent = out.objectType === 'file';
  Object.assign(out, {
    createdAt: row.event_time === null ? null : toRestTimestamp(Number(row.event_time)),
    agentId: out.agentId ?? row.a_id,
    agentName: out.endpointName ?? row.a_computer_name,
    agentOs: out.endpointOs ?? row.a_os_type,
    agentIp: firstIpv4(row.a_ip_addresses),
    agentDomain: row.a_domain,
    agentGroupId:
      row.a_site_name === null || row.a_group_name === null
        ? null
        : groupIdOf(row.a_site_name, row.a_group_name),
    agentMachineType: out.endpointMachineType ?? row.a_machine_type,
    agentNetworkStatus: row.a_network_status,
    agentIsActive: row.a_id !== null,
    agentIsDecommissioned: false,
    agentInfected: false,
    storyline: v('srcProcStorylineId'),
    trueContext: v('srcProcStorylineId'),
    processName: v('srcProcName'),
    pid: v('srcProcPid'),
    parentPid: v('srcProcParentPid'),
    parentProcessName: v('srcProcParentName'),
    processCmd: v('srcProcCmdLine'),
    processImagePath: v('srcProcImagePath'),
    processImageSha1Hash: v('srcProcImageSha1'),
    processUniqueKey: v('srcProcUid'),
    processGroupId: v('srcProcStorylineId'),
    processStartTime: v('srcProcStartTime'),
    processIntegrityLevel: v('srcProcIntegrityLevel'),
    processDisplayName: v('srcProcDisplayName'),
    processRoot: v('srcProcIsStorylineRoot'),
    user: v('srcProcUser'),
    publisher: v('srcProcPublisher'),
    signedStatus: v('srcProcSignedStatus'),
    verifiedStatus: v('srcProcVerifiedStatus'),
    direction: v('netEventDirection'),
    connectionStatus: v('netConnStatus'),
    fileFullName: v('tgtFilePath'),
    md5: isFileEvent ? v('tgtFileMd5') : v('srcProcImageMd5'),
    sha1: isFileEvent ? v('tgtFileSha1') : v('srcProcImageSha1'),
    sha256: isFileEvent ? v('tgtFileSha256') : v('srcProcImageSha256'),
  });

  for (const key of OMIT_WHEN_NULL) {
    if (out[key] === null) {
      delete out[key];
    }
  }
  return out;
}
