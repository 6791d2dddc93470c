import { connectionOf } from '../evidence/connection-of.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import type { TimelineKind } from './timeline.ts';

export interface EventDescription {
  kind: TimelineKind;
  action: string;
  /** What it acted on; empty when the event names nothing. */
  object: string;
}

const FILE_ACTIONS: Record<string, string> = {
  'File Creation': 'wrote file',
  'File Modification': 'modified file',
  'File Deletion': 'deleted file',
  'File Rename': 'renamed file to',
  'File Scan': 'scanned file',
  'Pre Execution Detection': 'was stopped before running',
};

const REGISTRY_ACTIONS: Record<string, string> = {
  'Registry Key Create': 'created registry key',
  'Registry Key Delete': 'deleted registry key',
  'Registry Key Rename': 'renamed registry key',
  'Registry Key Export': 'exported registry key',
  'Registry Key Import': 'imported registry key',
  'Registry Key Security Changed': 'changed permissions of registry key',
  'Registry Value Create': 'set registry value',
  'Registry Value Modified': 'set registry value',
  'Registry Value Delete': 'deleted registry value',
};

const CROSS_PROCESS_ACTIONS: Record<string, string> = {
  'Open Remote Process Handle': 'opened process',
  'Remote Thread Creation': 'created a thread in',
  'Duplicate Process Handle': 'duplicated a handle of',
  'Duplicate Thread Handle': 'duplicated a thread handle of',
  'Remote Process Termination': 'terminated',
};

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim();
}

/** What an event did, in plain words, for a timeline line. */
export function describeEvent(event: EvidenceEvent): EventDescription {
  const target = event.target;
  switch (event.category) {
    case 'process': {
      const child = target.process;
      const object = child?.cmdline ?? child?.imagePath ?? child?.name ?? '';
      return event.type === 'Process Creation'
        ? { kind: 'process', action: 'started', object }
        : { kind: 'process', action: event.type.toLowerCase(), object };
    }
    case 'command_script':
      return {
        kind: 'script',
        action: 'ran script',
        object: firstLine(target.script?.content ?? ''),
      };
    case 'file':
      return {
        kind: 'file',
        action: FILE_ACTIONS[event.type] ?? event.type.toLowerCase(),
        object: target.file?.path ?? target.file?.oldPath ?? '',
      };
    case 'registry': {
      const path = target.registry?.path ?? target.registry?.keyPath ?? '';
      const value = target.registry?.value;
      const writes =
        event.type === 'Registry Value Modified' || event.type === 'Registry Value Create';
      return {
        kind: 'registry',
        action: REGISTRY_ACTIONS[event.type] ?? event.type.toLowerCase(),
        object: writes && value !== undefined ? `${path} = ${value}` : path,
      };
    }
    case 'ip': {
      const incoming = target.network?.direction?.toUpperCase() === 'INCOMING';
      const action =
        event.type === 'IP Listen'
          ? 'listened'
          : incoming
            ? 'accepted a connection'
            : 'connected to';
      return { kind: 'network', action, object: connectionOf(event) ?? '' };
    }
    case 'dns':
      return {
        kind: 'dns',
        action: event.type === 'DNS Unresolved' ? 'failed to resolve' : 'resolved',
        object: target.dns?.request ?? '',
      };
    case 'url':
      return { kind: 'url', action: `sent ${event.type}`, object: target.url?.address ?? '' };
    case 'cross_process': {
      const other = target.process;
      const rights = other?.accessRights === undefined ? '' : ` (rights ${other.accessRights})`;
      return {
        kind: 'cross_process',
        action: CROSS_PROCESS_ACTIONS[event.type] ?? event.type.toLowerCase(),
        object: `${other?.name ?? other?.imagePath ?? 'a process'}${rights}`,
      };
    }
    case 'logins': {
      const login = target.login;
      const outcome = login?.success === false ? 'failed' : 'succeeded';
      const who = [login?.domain, login?.userName].filter(Boolean).join('\\');
      const from = login?.srcIp === undefined ? '' : ` from ${login.srcIp}`;
      return {
        kind: 'login',
        action: `${event.type === 'Logout' ? 'logoff' : 'logon'} ${outcome}`,
        object: `${login?.type ?? 'unknown type'} ${who || 'unknown user'}${from}`,
      };
    }
    case 'scheduled_task':
      return {
        kind: 'task',
        action: event.type.toLowerCase().replace('task ', 'task '),
        object: target.task?.name ?? target.task?.path ?? '',
      };
    case 'module':
      return { kind: 'module', action: 'loaded', object: target.module?.path ?? '' };
    case 'indicators':
      return {
        kind: 'indicator',
        action: 'raised indicator',
        object: target.indicator?.name ?? target.indicator?.description ?? '',
      };
    default:
      return { kind: 'other', action: event.type.toLowerCase(), object: '' };
  }
}
