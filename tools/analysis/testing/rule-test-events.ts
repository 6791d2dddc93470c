import type { EvidenceEvent, EvidenceProcess } from '../evidence/evidence-event.ts';
import { fileNameOf } from '../evidence/file-name.ts';
import { evidenceEvent, T0 } from './evidence-builder.ts';

let sequence = 0;
const nextId = (prefix: string) => {
  sequence += 1;
  return `${prefix}${sequence}`;
};

const SYSTEM32 = 'C:\\Windows\\System32\\';

/** A process as an event names it, from its image path. */
export function proc(imagePath: string, extra: Partial<EvidenceProcess> = {}): EvidenceProcess {
  return { uid: nextId('U'), name: fileNameOf(imagePath), imagePath, ...extra };
}

export const CMD = () => proc(`${SYSTEM32}cmd.exe`, { cmdline: 'cmd.exe' });
export const EXPLORER = () => proc('C:\\Windows\\explorer.exe');
export const POWERSHELL = () =>
  proc(`${SYSTEM32}WindowsPowerShell\\v1.0\\powershell.exe`, { cmdline: 'powershell.exe' });

/** A process creation: `parent` (cmd.exe by default) starts `imagePath` with `cmdline`. */
export function started(
  imagePath: string,
  cmdline: string,
  parent: EvidenceProcess = CMD(),
): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Process Creation',
    process: parent,
    target: { process: { ...proc(imagePath), cmdline } },
  });
}

/** `started` for a program in System32. */
export function system(image: string, cmdline: string, parent?: EvidenceProcess): EvidenceEvent {
  return started(`${SYSTEM32}${image}`, cmdline, parent);
}

export function script(content: string, actor: EvidenceProcess = POWERSHELL()): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Command Script',
    process: actor,
    target: { script: { content } },
  });
}

export function registry(
  path: string,
  value?: string,
  actor: EvidenceProcess = POWERSHELL(),
  type: 'Registry Value Modified' | 'Registry Key Create' = 'Registry Value Modified',
): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type,
    process: actor,
    target: { registry: { path, ...(value === undefined ? {} : { value }) } },
  });
}

export function fileWrite(path: string, actor: EvidenceProcess = POWERSHELL()): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'File Creation',
    process: actor,
    target: { file: { path } },
  });
}

export function openProcess(
  actor: EvidenceProcess,
  targetPath: string,
  accessRights: string,
): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Open Remote Process Handle',
    process: actor,
    target: { process: { ...proc(targetPath), accessRights } },
  });
}

export function remoteThread(actor: EvidenceProcess, targetPath: string): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Remote Thread Creation',
    process: actor,
    target: { process: proc(targetPath) },
  });
}

export function connect(actor: EvidenceProcess, dstIp: string, dstPort: number): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'IP Connect',
    process: actor,
    target: { network: { dstIp, dstPort, direction: 'OUTGOING', srcIp: '10.0.0.5' } },
  });
}

export function login({
  type,
  success = true,
  userName = 'ann',
  time = T0,
}: {
  type: string;
  success?: boolean;
  userName?: string;
  time?: number;
}): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Login',
    time,
    process: proc(`${SYSTEM32}lsass.exe`),
    target: { login: { type, success, userName } },
  });
}

export function taskRegistered(name: string): EvidenceEvent {
  return evidenceEvent({
    id: nextId('E'),
    type: 'Task Register',
    process: proc(`${SYSTEM32}svchost.exe`),
    target: { task: { name } },
  });
}
