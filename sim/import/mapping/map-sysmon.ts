import type { ProcessNode } from '../lineage/process-node.ts';
import {
  booleanOf,
  extensionOf,
  type Fields,
  guidOf,
  hashesOf,
  numberOf,
  pidOf,
  textOf,
} from '../windows/field-values.ts';
import type { WindowsRecord } from '../windows/windows-record.ts';
import { type DvEvent, type MappedRecord, putFields } from './dv-event.ts';
import { IGNORED, type MappingContext, type MappingOutcome } from './mapping-context.ts';

type Mapped = MappingOutcome<MappedRecord>;

/** Extensions SentinelOne would call executable; a guess from the name, Sysmon 11 has no more. */
const EXECUTABLE_EXTENSIONS = new Set(['exe', 'dll', 'sys', 'scr', 'cpl', 'ocx', 'com', 'drv']);

/** Maps a Sysmon event to its Deep Visibility counterpart. */
export function mapSysmonRecord(record: WindowsRecord, context: MappingContext): Mapped {
  switch (record.eventId) {
    case 1:
      return processCreation(record, context);
    case 3:
      return networkConnection(record, context);
    case 7:
      return moduleLoad(record, context);
    case 8:
    case 10:
      return crossProcess(record, context);
    case 11:
      return fileCreation(record, context);
    case 12:
    case 13:
    case 14:
      return registryChange(record, context);
    case 22:
      return dnsQuery(record, context);
    case 23:
    case 26:
      return fileDeletion(record, context);
    default:
      return IGNORED;
  }
}

function mapped(value: MappedRecord): Mapped {
  return { kind: 'mapped', value };
}

function actor(record: WindowsRecord, context: MappingContext): ProcessNode {
  const fields = record.fields;
  return context.table.processForGuid({
    host: context.host,
    guid: guidOf(fields, 'ProcessGuid', 'ProcessGUID'),
    time: record.time,
    facts: {
      pid: pidOf(fields, 'ProcessId', 'ProcessID'),
      imagePath: textOf(fields, 'Image'),
      user: textOf(fields, 'User'),
    },
  });
}

function processCreation(record: WindowsRecord, context: MappingContext): Mapped {
  const created = context.table.addSysmonCreation(context.host, record.fields, record.time);
  const parent = context.table.parentOf(created) ?? unknownParent(record, context);
  return mapped({ record, type: 'Process Creation', fields: {}, src: parent, tgt: created });
}

/** Sysmon 1 without parent details: the actor is still some process on that host. */
function unknownParent(record: WindowsRecord, context: MappingContext): ProcessNode {
  return context.table.processForPid({ host: context.host, pid: undefined, time: record.time });
}

function networkConnection(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const initiated = booleanOf(fields, 'Initiated');
  const event: DvEvent = {};
  // Source and destination follow the connection, as in SentinelOne's INCOMING events.
  putFields(event, {
    'src.ip.address': textOf(fields, 'SourceIp'),
    'src.port.number': numberOf(fields, 'SourcePort'),
    'dst.ip.address': textOf(fields, 'DestinationIp'),
    'dst.port.number': numberOf(fields, 'DestinationPort'),
    'event.network.direction': initiated === false ? 'INCOMING' : 'OUTGOING',
    'event.network.connectionStatus': 'SUCCESS',
    'event.network.protocolName':
      textOf(fields, 'DestinationPortName') ?? textOf(fields, 'Protocol')?.toLowerCase(),
  });
  return mapped({ record, type: 'IP Connect', fields: event, src: actor(record, context) });
}

function moduleLoad(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const hashes = hashesOf(textOf(fields, 'Hashes'));
  const event: DvEvent = {};
  putFields(event, {
    'module.path': textOf(fields, 'ImageLoaded'),
    'module.sha1': hashes.sha1,
    'module.md5': hashes.md5,
  });
  return mapped({ record, type: 'Module Load', fields: event, src: actor(record, context) });
}

/** Sysmon 8 (CreateRemoteThread) and 10 (ProcessAccess) name both processes by GUID. */
function crossProcess(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const side = (role: 'Source' | 'Target'): ProcessNode =>
    context.table.processForGuid({
      host: context.host,
      guid: guidOf(fields, `${role}ProcessGUID`, `${role}ProcessGuid`),
      time: record.time,
      facts: {
        pid: pidOf(fields, `${role}ProcessId`),
        imagePath: textOf(fields, `${role}Image`),
        user: textOf(fields, `${role}User`),
      },
    });

  const event: DvEvent = {};
  if (record.eventId === 10) {
    putFields(event, { 'tgt.process.accessRights': textOf(fields, 'GrantedAccess') });
  }
  return mapped({
    record,
    type: record.eventId === 10 ? 'Open Remote Process Handle' : 'Remote Thread Creation',
    fields: event,
    src: side('Source'),
    tgt: side('Target'),
  });
}

function fileFields(fields: Fields): DvEvent {
  const path = textOf(fields, 'TargetFilename');
  const extension = path === undefined ? undefined : extensionOf(path);
  const event: DvEvent = {};
  putFields(event, {
    'tgt.file.path': path,
    'tgt.file.extension': extension,
    'tgt.file.isExecutable':
      booleanOf(fields, 'IsExecutable') ??
      (extension === undefined ? undefined : EXECUTABLE_EXTENSIONS.has(extension)),
  });
  return event;
}

function fileCreation(record: WindowsRecord, context: MappingContext): Mapped {
  const event = fileFields(record.fields);
  const created = textOf(record.fields, 'CreationUtcTime');
  const createdAt = created === undefined ? Number.NaN : sysmonTime(created);
  putFields(event, {
    'tgt.file.creationTime': Number.isNaN(createdAt)
      ? undefined
      : new Date(createdAt).toISOString(),
  });
  return mapped({ record, type: 'File Creation', fields: event, src: actor(record, context) });
}

function fileDeletion(record: WindowsRecord, context: MappingContext): Mapped {
  const event = fileFields(record.fields);
  const hashes = hashesOf(textOf(record.fields, 'Hashes'));
  putFields(event, {
    'tgt.file.sha1': hashes.sha1,
    'tgt.file.sha256': hashes.sha256,
    'tgt.file.md5': hashes.md5,
  });
  return mapped({ record, type: 'File Deletion', fields: event, src: actor(record, context) });
}

function sysmonTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

const REGISTRY_TYPES = {
  createkey: 'Registry Key Create',
  deletekey: 'Registry Key Delete',
  deletevalue: 'Registry Value Delete',
  setvalue: 'Registry Value Modified',
  renamekey: 'Registry Key Rename',
} as const;

const BY_EVENT_ID = {
  12: 'Registry Key Create',
  13: 'Registry Value Modified',
  14: 'Registry Key Rename',
} as const;

function registryChange(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  // NXLog overwrote Sysmon's EventType with its own severity and kept the original here.
  const operation = (
    textOf(fields, 'EventTypeOrignal', 'EventTypeOriginal') ?? textOf(fields, 'EventType')
  )
    ?.toLowerCase()
    .replace(/\s+/g, '');
  const type =
    (operation === undefined
      ? undefined
      : REGISTRY_TYPES[operation as keyof typeof REGISTRY_TYPES]) ??
    BY_EVENT_ID[record.eventId as 12 | 13 | 14];

  const target = textOf(fields, 'TargetObject');
  const event: DvEvent = {};
  const isValue = type === 'Registry Value Modified' || type === 'Registry Value Delete';
  const details = textOf(fields, 'Details');
  putFields(event, {
    'registry.path': target,
    'registry.keyPath': isValue && target !== undefined ? parentKeyOf(target) : target,
    'registry.value': type === 'Registry Key Rename' ? textOf(fields, 'NewName') : details,
    'registry.valueType': type === 'Registry Value Modified' ? valueTypeOf(details) : undefined,
  });
  return mapped({ record, type, fields: event, src: actor(record, context) });
}

function parentKeyOf(path: string): string {
  const cut = path.lastIndexOf('\\');
  return cut <= 0 ? path : path.slice(0, cut);
}

/** Sysmon writes `DWORD (0x00000001)`, `QWORD (...)`, `Binary Data`, or the string itself. */
function valueTypeOf(details: string | undefined): string | undefined {
  if (details === undefined) {
    return undefined;
  }
  if (/^DWORD \(/.test(details)) {
    return 'DWORD';
  }
  if (/^QWORD \(/.test(details)) {
    return 'QWORD';
  }
  return details === 'Binary Data' ? 'BINARY' : 'STRING';
}

function dnsQuery(record: WindowsRecord, context: MappingContext): Mapped {
  const fields = record.fields;
  const status = textOf(fields, 'QueryStatus');
  const results = textOf(fields, 'QueryResults');
  const resolved = status === undefined ? results !== undefined : status === '0';
  const event: DvEvent = {};
  putFields(event, {
    'event.dns.request': textOf(fields, 'QueryName'),
    'event.dns.response': results,
  });
  return mapped({
    record,
    type: resolved ? 'DNS Resolved' : 'DNS Unresolved',
    fields: event,
    src: actor(record, context),
  });
}
