import { numberOf, pidOf, textOf } from '../windows/field-values.ts';
import type { WindowsRecord } from '../windows/windows-record.ts';
import { type DvEvent, type MappedRecord, putFields } from './dv-event.ts';
import {
  IGNORED,
  type MappingContext,
  type MappingOutcome,
  SUPERSEDED,
} from './mapping-context.ts';

type Mapped = MappingOutcome<MappedRecord>;

/** Windows logon types by number, named as the catalogue's `event.login.type` enum. */
const LOGON_TYPES: Record<number, string> = {
  0: 'SYSTEM',
  2: 'INTERACTIVE',
  3: 'NETWORK',
  4: 'BATCH',
  5: 'SERVICE',
  6: 'PROXY',
  7: 'UNLOCK',
  8: 'NETWORK_CLEAR_TEXT',
  9: 'NEW_CREDENTIALS',
  10: 'REMOTE_INTERACTIVE',
  11: 'CACHED_INTERACTIVE',
  12: 'CACHED_REMOTE_INTERACTIVE',
  13: 'CACHED_UNLOCK',
};

/** WFP writes the direction as a message id: `%%14592` inbound, `%%14593` outbound. */
const INBOUND = new Set(['%%14592', 'inbound']);

const PROTOCOLS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp' };

/**
 * Maps Windows Security events. Process creations (4688) and connections (5156, 5154)
 * are only used for an endpoint whose Sysmon does not record them; otherwise they would
 * duplicate the richer Sysmon events.
 */
export function mapSecurityRecord(record: WindowsRecord, context: MappingContext): Mapped {
  switch (record.eventId) {
    case 4688:
      return context.coverage.processCreation ? SUPERSEDED : processCreation(record, context);
    case 4624:
    case 4625:
      return login(record, context);
    case 5154:
    case 5156:
      return context.coverage.network ? SUPERSEDED : connection(record, context);
    default:
      return IGNORED;
  }
}

function processCreation(record: WindowsRecord, context: MappingContext): Mapped {
  const created = context.table.addSecurityCreation(context.host, record.fields, record.time);
  const parent =
    context.table.parentOf(created) ??
    context.table.processForPid({ host: context.host, pid: undefined, time: record.time });
  return {
    kind: 'mapped',
    value: { record, type: 'Process Creation', fields: {}, src: parent, tgt: created },
  };
}

function login(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const pid = pidOf(fields, 'ProcessId', 'ProcessID');
  const logonType = numberOf(fields, 'LogonType');
  const sourceIp = textOf(fields, 'IpAddress');
  const event: DvEvent = {};
  putFields(event, {
    'event.login.type': logonType === undefined ? undefined : LOGON_TYPES[logonType],
    'event.login.userName': textOf(fields, 'TargetUserName'),
    'event.login.accountDomain': textOf(fields, 'TargetDomainName'),
    'event.login.srcMachineIp':
      sourceIp === '::1' || sourceIp === '127.0.0.1' ? undefined : sourceIp,
    'event.login.loginIsSuccessful': record.eventId === 4624,
  });
  const src = context.table.processForPid({
    host: context.host,
    pid: pid === 0 ? undefined : pid,
    time: record.time,
    imagePath: textOf(fields, 'ProcessName'),
  });
  return { kind: 'mapped', value: { record, type: 'Login', fields: event, src } };
}

function connection(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const src = context.table.processForPid({
    host: context.host,
    pid: pidOf(fields, 'ProcessID', 'ProcessId'),
    time: record.time,
    imagePath: textOf(fields, 'Application'),
  });
  const protocol = textOf(fields, 'Protocol');
  const protocolName = protocol === undefined ? undefined : (PROTOCOLS[protocol] ?? protocol);

  const event: DvEvent = {};
  if (record.eventId === 5154) {
    putFields(event, {
      'src.ip.address': textOf(fields, 'SourceAddress'),
      'src.port.number': numberOf(fields, 'SourcePort'),
      'event.network.protocolName': protocolName,
    });
    return { kind: 'mapped', value: { record, type: 'IP Listen', fields: event, src } };
  }

  // WFP reports the local end as "source" both ways; DV's source is the initiator.
  const inbound = INBOUND.has(textOf(fields, 'Direction')?.toLowerCase() ?? '');
  const local = { ip: textOf(fields, 'SourceAddress'), port: numberOf(fields, 'SourcePort') };
  const remote = { ip: textOf(fields, 'DestAddress'), port: numberOf(fields, 'DestPort') };
  const [from, to] = inbound ? [remote, local] : [local, remote];
  putFields(event, {
    'src.ip.address': from.ip,
    'src.port.number': from.port,
    'dst.ip.address': to.ip,
    'dst.port.number': to.port,
    'event.network.direction': inbound ? 'INCOMING' : 'OUTGOING',
    'event.network.connectionStatus': 'SUCCESS',
    'event.network.protocolName': protocolName,
  });
  return { kind: 'mapped', value: { record, type: 'IP Connect', fields: event, src } };
}
