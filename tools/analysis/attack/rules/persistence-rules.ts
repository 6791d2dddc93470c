import type { EvidenceEvent } from '../../evidence/evidence-event.ts';
import type { EventFacts } from '../event-facts.ts';
import {
  ANY_EVENT,
  FILE_WRITES,
  isOsComponent,
  isUserWritablePath,
  oneOf,
  REGISTRY_WRITES,
  textMatches,
} from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** A value under a Run key: creating the key itself starts nothing. */
const RUN_KEY = new RegExp(
  '\\\\software\\\\(wow6432node\\\\)?microsoft\\\\windows\\\\currentversion\\\\' +
    '(run|runonce|runonceex|runservices|runservicesonce|policies\\\\explorer\\\\run)\\\\[^\\\\]+$',
);

const VALUE_WRITES = REGISTRY_WRITES.filter((type) => type !== 'Registry Key Create');

function registryWrite(event: EvidenceEvent, facts: EventFacts, key: RegExp): boolean {
  return REGISTRY_WRITES.includes(event.type) && key.test(facts.registryPath);
}

/** A registry edit by command: reg add, PowerShell's item-property cmdlets or their aliases. */
const REGISTRY_EDIT = /(\breg(\.exe)?["']?\s+add\b|set-itemproperty|new-itemproperty|\bsp\s)/;

const SHELL_SERVICE = /(%comspec%|\bcmd(\.exe)?["']?\s+\/[ck]\b|\bpowershell(\.exe)?["']?\s+-)/;

const ACCESSIBILITY_NAMES = '(sethc|utilman|osk|magnify|narrator|displayswitch|atbroker)';
const ACCESSIBILITY_BINARIES = new RegExp(`\\\\${ACCESSIBILITY_NAMES}\\.exe$`);

const PRIVILEGED_GROUPS = '(administrators|domain admins|enterprise admins|remote desktop users)';

export const PERSISTENCE_RULES: readonly TechniqueRule[] = [
  {
    id: 'run-key-value',
    technique: 'T1547.001',
    title: 'A Run or RunOnce registry value set, which starts a program at logon',
    confidence: 0.75,
    eventTypes: VALUE_WRITES,
    match: (event, facts) => registryWrite(event, facts, RUN_KEY) && !isOsComponent(facts),
  },
  {
    id: 'run-key-command',
    technique: 'T1547.001',
    title: 'A command that writes a Run or RunOnce registry value',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, REGISTRY_EDIT) &&
      textMatches(facts, /\\(wow6432node\\)?microsoft\\windows\\currentversion\\run(once)?\b/),
  },
  {
    id: 'startup-folder-drop',
    technique: 'T1547.001',
    title: 'A file written to a Startup folder, which runs at logon',
    confidence: 0.8,
    eventTypes: FILE_WRITES,
    match: (_event, facts) =>
      /\\start menu\\programs\\startup\\/.test(facts.filePath) &&
      !facts.filePath.endsWith('\\desktop.ini'),
  },
  {
    id: 'winlogon-helper',
    technique: 'T1547.004',
    title: 'Winlogon Shell, Userinit or Notify changed',
    confidence: 0.8,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) =>
      registryWrite(
        event,
        facts,
        /\\windows nt\\currentversion\\winlogon\\(shell|userinit|notify)(\\|$)/,
      ) && !isOsComponent(facts),
  },
  {
    id: 'ifeo-debugger',
    technique: 'T1546.012',
    title: 'An Image File Execution Options debugger or silent-exit monitor set',
    confidence: 0.85,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) =>
      registryWrite(
        event,
        facts,
        oneOf(
          /\\image file execution options\\[^\\]+\\(debugger|globalflag)$/,
          /\\silentprocessexit\\[^\\]+\\monitorprocess$/,
        ),
      ),
  },
  {
    id: 'accessibility-binary-replaced',
    technique: 'T1546.008',
    title: 'An accessibility program (sethc, utilman...) overwritten or given a debugger',
    confidence: 0.85,
    eventTypes: [...FILE_WRITES, ...REGISTRY_WRITES],
    match: (event, facts) =>
      (FILE_WRITES.includes(event.type) &&
        ACCESSIBILITY_BINARIES.test(facts.filePath) &&
        !['trustedinstaller.exe', 'tiworker.exe'].includes(facts.actorImage)) ||
      registryWrite(
        event,
        facts,
        new RegExp(`\\\\image file execution options\\\\${ACCESSIBILITY_NAMES}\\.exe\\\\debugger$`),
      ),
  },
  {
    id: 'wmi-event-subscription',
    technique: 'T1546.003',
    title: 'A WMI event filter and consumer registered to run code on an event',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        oneOf(
          /__eventfilter|__filtertoconsumerbinding|register-wmievent/,
          /commandlineeventconsumer|activescripteventconsumer/,
        ),
      ) || facts.exec?.image === 'scrcons.exe',
  },
  {
    id: 'com-hijack-user-clsid',
    technique: 'T1546.015',
    title: 'A per-user COM class registration pointing at a server (COM hijack)',
    // Per-user installers (OneDrive) register classes the same way; alone it is a weak sign.
    confidence: 0.4,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) =>
      registryWrite(
        event,
        facts,
        new RegExp(
          '^hk(u|cu|ey_users)\\\\[^\\\\]*\\\\?(software|s-1-[\\d-]+_classes)\\\\' +
            '(classes\\\\)?clsid\\\\\\{[0-9a-f-]+\\}\\\\(inprocserver32|localserver32)',
        ),
      ) && !isOsComponent(facts),
  },
  {
    id: 'scheduled-task-create',
    technique: 'T1053.005',
    title: 'A scheduled task created (schtasks /create, Register-ScheduledTask, task registered)',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      event.type === 'Task Register' ||
      textMatches(facts, /\bschtasks(\.exe)?["']?\s.*\/create\b/) ||
      textMatches(facts, /register-scheduledtask|new-scheduledtaskaction/),
  },
  {
    id: 'service-install-command',
    technique: 'T1543.003',
    title: 'A Windows service created or its binary path changed (sc create/config, New-Service)',
    confidence: 0.75,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bsc(\.exe)?["']?\s+(\\\\\S+\s+)?(create|config)\s.*\bbinpath=/) ||
      textMatches(facts, /\bnew-service\s/),
  },
  {
    id: 'service-image-path-edited',
    technique: 'T1543.003',
    title: 'A service ImagePath written by something other than the service manager',
    confidence: 0.6,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) =>
      registryWrite(event, facts, /\\currentcontrolset\\services\\[^\\]+\\imagepath$/) &&
      facts.actorImage !== 'services.exe' &&
      !isOsComponent(facts),
  },
  {
    id: 'service-runs-shell-command',
    technique: 'T1543.003',
    title: 'A service installed whose binary is a shell command or a DLL from a user folder',
    confidence: 0.75,
    eventTypes: REGISTRY_WRITES,
    match: (event, facts) =>
      registryWrite(event, facts, /\\currentcontrolset\\services\\[^\\]+\\imagepath$/) &&
      (SHELL_SERVICE.test(facts.registryValue) ||
        (/\brundll32(\.exe)?\b/.test(facts.registryValue) &&
          isUserWritablePath(facts.registryValue))),
  },
  {
    id: 'bits-job',
    technique: 'T1197',
    title: 'A BITS job created or given a command (bitsadmin, Start-BitsTransfer)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        /\bbitsadmin(\.exe)?["']?\s.*\/(transfer|create|addfile|setnotifycmdline|resume)\b/,
      ) || textMatches(facts, /start-bitstransfer/),
  },
  {
    id: 'local-account-created',
    technique: 'T1136.001',
    title: 'A local account created (net user /add, New-LocalUser)',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bnet1?(\.exe)?["']?\s+user\s+\S+.*\/add\b/) ||
      textMatches(facts, /\bnew-localuser\b/),
  },
  {
    id: 'account-added-to-admins',
    technique: 'T1098',
    title: 'An account added to a privileged group',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        new RegExp(
          `\\bnet1?(\\.exe)?["']?\\s+(localgroup|group)\\s+` +
            `["']?${PRIVILEGED_GROUPS}["']?\\s.*\\/add\\b`,
        ),
      ) || textMatches(facts, /add-(localgroupmember|adgroupmember)\b.*(admins|administrators)/),
  },
  {
    id: 'netsh-helper-dll',
    technique: 'T1546.007',
    title: 'A netsh helper DLL added',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /\bnetsh(\.exe)?["']?\s+add\s+helper\b/),
  },
];
