import type { EvidenceEvent } from '../../evidence/evidence-event.ts';
import type { EventFacts } from '../event-facts.ts';
import {
  ANY_EVENT,
  FILE_WRITES,
  isDropLocation,
  OFFICE_IMAGES,
  oneOf,
  REGISTRY_WRITES,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** Service binaries of PsExec and its clones, installed on the target to run the command. */
const REMOTE_EXEC_SERVICES = ['psexesvc.exe', 'paexec.exe', 'remcomsvc.exe', 'csexecsvc.exe'];

function psexecService(event: EvidenceEvent, facts: EventFacts): boolean {
  return (
    (facts.exec !== undefined && REMOTE_EXEC_SERVICES.includes(facts.exec.image)) ||
    (REGISTRY_WRITES.includes(event.type) &&
      /\\currentcontrolset\\services\\(psexesvc|paexec[^\\]*|remcomsvc|csexecsvc)(\\|$)/.test(
        facts.registryPath,
      ))
  );
}

/** A UNC host that is not the local machine's own pipe namespace (`\\.\`). */
const REMOTE_HOST = /\\\\(?!\.\\|\?\\)[a-z0-9._-]+/;

/**
 * The kernel (`System`, pid 4) writes the files that arrive over SMB: an executable it
 * creates was most likely copied from another host through an admin share.
 */
function smbDroppedExecutable(event: EvidenceEvent, facts: EventFacts): boolean {
  return (
    FILE_WRITES.includes(event.type) &&
    facts.actorImage === 'system' &&
    /\.(exe|dll|sys|ps1|bat|cmd|vbs|scr|hta)$/.test(facts.filePath) &&
    !/\\windows\\(softwaredistribution|servicing|winsxs|installer)\\/.test(facts.filePath)
  );
}

const SERVICE_VERBS = '(query|create|config|start|stop|delete)';
const COPY_OR_MAP = '\\b(copy|xcopy|robocopy|move|copy-item|net1?(\\.exe)?["\']?\\s+use)\\b';

export const LATERAL_MOVEMENT_RULES: readonly TechniqueRule[] = [
  {
    id: 'psexec-service',
    technique: 'T1569.002',
    title: 'A PsExec-style service installed or run to execute a command',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: psexecService,
  },
  {
    id: 'psexec-remote-target',
    technique: 'T1021.002',
    title: 'PsExec or a clone pointed at another host over its admin share',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        new RegExp(`\\b(psexec(64)?|paexec)(\\.exe)?["']?\\s+(.*\\s)?${REMOTE_HOST.source}`),
      ),
  },
  {
    id: 'psexec-service-remote-origin',
    technique: 'T1021.002',
    title: 'A PsExec-style service arrived on this host through its admin share',
    confidence: 0.6,
    eventTypes: FILE_WRITES,
    match: (event, facts) =>
      smbDroppedExecutable(event, facts) &&
      REMOTE_EXEC_SERVICES.some((name) => facts.filePath.endsWith(`\\${name}`)),
  },
  {
    id: 'remote-service-control',
    technique: 'T1021.002',
    title: 'Services on another host queried or changed with sc \\\\host',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        new RegExp(`\\bsc(\\.exe)?["']?\\s+${REMOTE_HOST.source}\\S*\\s+${SERVICE_VERBS}\\b`),
      ),
  },
  {
    id: 'admin-share-copy',
    technique: 'T1021.002',
    title: 'A file copied to or a drive mapped from an admin share (C$, ADMIN$)',
    confidence: 0.65,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, new RegExp(`${COPY_OR_MAP}.*\\\\\\\\[a-z0-9._-]+\\\\(c|admin|d)\\$`)),
  },
  {
    id: 'smb-tool-transfer',
    technique: 'T1570',
    title: 'An executable written by the kernel, that is, copied in over SMB from another host',
    confidence: 0.6,
    eventTypes: FILE_WRITES,
    match: smbDroppedExecutable,
  },
  {
    id: 'smb-dropped-executable',
    technique: 'T1021.002',
    title: 'An executable arrived over an SMB share from another host',
    confidence: 0.5,
    eventTypes: FILE_WRITES,
    match: smbDroppedExecutable,
  },
  {
    id: 'smb-from-dropped-program',
    technique: 'T1021.002',
    title: 'A program from a user-writable folder connected to SMB on another host',
    confidence: 0.45,
    eventTypes: ['IP Connect'],
    match: (event, facts) => {
      const network = event.target.network;
      return (
        network !== undefined &&
        network.direction?.toUpperCase() !== 'INCOMING' &&
        (network.dstPort === 445 || network.dstPort === 139) &&
        network.dstIp !== network.srcIp &&
        isDropLocation(facts.actorPath)
      );
    },
  },
  {
    id: 'winrm-remoting-host',
    technique: 'T1021.006',
    title: 'A process started inside a PowerShell remoting session (wsmprovhost)',
    confidence: 0.75,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => facts.exec?.parentImage === 'wsmprovhost.exe',
  },
  {
    id: 'winrm-remoting-command',
    technique: 'T1021.006',
    title: 'A remoting session opened to another host (Invoke-Command, Enter-PSSession, winrs)',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /invoke-command\b.*-computername|\benter-pssession\b|\bnew-pssession\b/) ||
      textMatches(facts, /\bwinrs(\.exe)?["']?\s+-r(emote)?:/),
  },
  {
    id: 'dcom-lateral-script',
    technique: 'T1021.003',
    title: 'A DCOM object created on another host (MMC20, ShellWindows, Excel automation)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        oneOf(
          /gettypefromprogid\(["']?(mmc20|excel|outlook)\.application/,
          /gettypefromclsid\(["']?\{?(9ba05972|c08afd90)/,
          /\bregisterxll\b|\bexecuteexcel4macro\b/,
        ),
      ),
  },
  {
    id: 'dcom-launched-application',
    technique: 'T1021.003',
    title: 'Office or MMC started by the DCOM launcher for automation',
    confidence: 0.45,
    eventTypes: ['Process Creation'],
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        exec.parentImage === 'svchost.exe' &&
        [...OFFICE_IMAGES, 'mmc.exe'].includes(exec.image) &&
        /(\s\/automation\b|\s-embedding\b)/.test(exec.cmd)
      );
    },
  },
  {
    id: 'rdp-logon',
    technique: 'T1021.001',
    title: 'A successful Remote Desktop logon',
    confidence: 0.4,
    eventTypes: ['Login'],
    match: (event) =>
      event.target.login?.type === 'REMOTE_INTERACTIVE' && event.target.login.success !== false,
  },
  {
    id: 'new-credentials-logon',
    technique: 'T1550.002',
    title: 'A logon with new network credentials (logon type 9), as pass-the-hash creates',
    confidence: 0.4,
    eventTypes: ['Login'],
    match: (event) => event.target.login?.type === 'NEW_CREDENTIALS',
  },
];
