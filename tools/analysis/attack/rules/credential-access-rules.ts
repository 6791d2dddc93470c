import type { EvidenceEvent } from '../../evidence/evidence-event.ts';
import type { EventFacts } from '../event-facts.ts';
import {
  ANY_EVENT,
  COMMAND_RUNNERS,
  drivePath,
  FILE_WRITES,
  isDropLocation,
  isOsComponent,
  oneOf,
  REGISTRY_WRITES,
  registryNumber,
  runsCommand,
  textMatches,
} from '../rule-helpers.ts';
import type { AggregateRule, TechniqueRule } from '../technique-rule.ts';

const PROCESS_VM_READ = 0x0010;

/** Windows components that read LSASS memory for their job; trusted only at their own path. */
const LSASS_READERS: readonly { image: string; path: RegExp }[] = [
  { image: 'csrss.exe', path: /^[a-z]:\\windows\\system32\\csrss\.exe$/ },
  { image: 'wininit.exe', path: /^[a-z]:\\windows\\system32\\wininit\.exe$/ },
  { image: 'services.exe', path: /^[a-z]:\\windows\\system32\\services\.exe$/ },
  { image: 'svchost.exe', path: /^[a-z]:\\windows\\system32\\svchost\.exe$/ },
  { image: 'wmiprvse.exe', path: /^[a-z]:\\windows\\system32\\wbem\\wmiprvse\.exe$/ },
  {
    image: 'msmpeng.exe',
    path: oneOf(
      /^[a-z]:\\program files\\windows defender\\/,
      /^[a-z]:\\programdata\\microsoft\\windows defender\\platform\\/,
    ),
  },
];

function isTrustedLsassReader(facts: EventFacts): boolean {
  return LSASS_READERS.some(
    (reader) => reader.image === facts.actorImage && reader.path.test(drivePath(facts.actorPath)),
  );
}

/** Readers that can run anything they are told: their reading LSASS is the stronger sign. */
function isCommandableReader(facts: EventFacts): boolean {
  return COMMAND_RUNNERS.includes(facts.actorImage) || isDropLocation(facts.actorPath);
}

function readsLsassMemory(event: EvidenceEvent, facts: EventFacts): boolean {
  return (
    facts.targetImage === 'lsass.exe' &&
    facts.accessRights !== undefined &&
    (facts.accessRights & PROCESS_VM_READ) !== 0 &&
    facts.actorImage !== 'lsass.exe' &&
    !isTrustedLsassReader(facts) &&
    event.process.uid !== event.target.process?.uid
  );
}

const REG_SAVE = /\breg(\.exe)?["']?\s+(save|export)\s+["']?(hklm|hkey_local_machine)\\/;
/** The hive itself, or the subkeys that hold the secrets, not any key below it. */
const SAM_OR_SYSTEM_HIVE = /(sam|system)(["'\s]|$)|sam\\sam\b/;
const SECURITY_SECRETS = /security(["'\s]|$|\\policy\\secrets|\\cache)/;

/** LSA values that decide which NTLM responses the host sends. */
const NTLM_SETTINGS = oneOf(
  /\\control\\lsa\\lmcompatibilitylevel$/,
  /\\control\\lsa\\msv1_0\\(ntlmminclientsec|restrictsendingntlmtraffic)$/,
);

/** Failed logons counted per endpoint within this window. */
const SPRAY_WINDOW_MS = 10 * 60_000;
const SPRAY_DISTINCT_USERS = 5;
const BRUTE_FORCE_FAILURES = 10;

const RUNS_INVOKE_MIMIKATZ = runsCommand('invoke-mimikatz');
const RUNS_INVOKE_DCSYNC = runsCommand(
  'invoke-dcsync',
  'invoke-dcsyncall',
  'invoke-dcsynchashdump',
);
const RUNS_INVOKE_POWERDUMP = runsCommand('invoke-powerdump', 'get-userkeys', 'invoke-hashdump');
const RUNS_INVOKE_NINJACOPY = runsCommand('invoke-ninjacopy');
const RUNS_INVOKE_KERBEROAST = runsCommand(
  'invoke-kerberoast',
  'get-domainspnticket',
  'request-spnticket',
);
const RUNS_INVOKE_ASREPROAST = runsCommand('invoke-asreproast', 'get-asrephash');
const RUNS_GET_CREDENTIAL = runsCommand('get-credential');

export const CREDENTIAL_ACCESS_RULES: readonly (TechniqueRule | AggregateRule)[] = [
  {
    id: 'lsass-memory-read',
    technique: 'T1003.001',
    title: 'A shell, proxy binary or dropped program opened LSASS with memory-read rights',
    confidence: 0.8,
    eventTypes: ['Open Remote Process Handle'],
    match: (event, facts) => readsLsassMemory(event, facts) && isCommandableReader(facts),
  },
  {
    id: 'lsass-memory-read-other',
    technique: 'T1003.001',
    title: 'Another program (not a known Windows reader) opened LSASS with memory-read rights',
    confidence: 0.45,
    eventTypes: ['Open Remote Process Handle'],
    match: (event, facts) => readsLsassMemory(event, facts) && !isCommandableReader(facts),
  },
  {
    id: 'lsass-dump-file',
    technique: 'T1003.001',
    title: 'A memory dump of LSASS was written to disk',
    confidence: 0.85,
    eventTypes: FILE_WRITES,
    match: (_event, facts) => /lsass[^\\]*\.(dmp|dump)$/.test(facts.filePath),
  },
  {
    id: 'comsvcs-minidump',
    technique: 'T1003.001',
    title: 'comsvcs.dll MiniDump called through rundll32 to dump a process',
    confidence: 0.95,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /comsvcs(\.dll)?["']?[\s,]+#?\s*(minidump|24\b)/),
  },
  {
    id: 'comsvcs-minidump-rundll32',
    technique: 'T1218.011',
    title: 'rundll32 used as a proxy to call the MiniDump export of comsvcs.dll',
    confidence: 0.55,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        /\brundll32(\.exe)?["']?\s.*comsvcs(\.dll)?["']?[\s,]+#?\s*(minidump|24\b)/,
      ),
  },
  {
    id: 'procdump-lsass',
    technique: 'T1003.001',
    title: 'ProcDump run against LSASS',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /procdump(64)?(\.exe)?["']?\s.*-m[ap]\b.*lsass/),
  },
  {
    id: 'mimikatz-sekurlsa',
    technique: 'T1003.001',
    title: 'Mimikatz sekurlsa command that reads credentials from LSASS memory',
    confidence: 0.95,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(
        facts,
        /sekurlsa::(logonpasswords|wdigest|msv|kerberos|tspkg|livessp|ssp|credman|minidump|ekeys)/,
      ),
  },
  {
    id: 'mimikatz-tool',
    technique: 'T1003',
    title: 'Mimikatz run as a program or loaded as Invoke-Mimikatz',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      facts.exec?.image === 'mimikatz.exe' ||
      RUNS_INVOKE_MIMIKATZ(facts) ||
      textMatches(facts, /privilege::debug|\bmimikatz(\.exe)?["']?\s+["']?\w+::/),
  },
  {
    id: 'mimikatz-lsadump-other',
    technique: 'T1003',
    title: 'Mimikatz lsadump command (backup keys, trusts, NTLM changes)',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /lsadump::(backupkeys|trust|setntlm|changentlm|rpdata|netsync|mbc)/),
  },
  {
    id: 'dcsync',
    technique: 'T1003.006',
    title: 'DCSync: directory replication requested to pull password hashes',
    confidence: 0.95,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /lsadump::dcsync/) || RUNS_INVOKE_DCSYNC(facts),
  },
  {
    id: 'sam-hash-dump-tool',
    technique: 'T1003.002',
    title: 'A tool that dumps the SAM database hashes (mimikatz lsadump::sam, PowerDump)',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /lsadump::sam\b/) || RUNS_INVOKE_POWERDUMP(facts),
  },
  {
    id: 'reg-save-sam',
    technique: 'T1003.002',
    title: 'reg save or export of the SAM or SYSTEM hive',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, new RegExp(`${REG_SAVE.source}(${SAM_OR_SYSTEM_HIVE.source})`)),
  },
  {
    id: 'reg-save-security',
    technique: 'T1003.004',
    title: 'reg save or export of the SECURITY hive (LSA secrets)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, new RegExp(`${REG_SAVE.source}(${SECURITY_SECRETS.source})`)),
  },
  {
    id: 'mimikatz-lsa-secrets',
    technique: 'T1003.004',
    title: 'Mimikatz lsadump::secrets or lsadump::lsa',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /lsadump::(secrets|lsa)\b/),
  },
  {
    id: 'mimikatz-cached-credentials',
    technique: 'T1003.005',
    title: 'Mimikatz lsadump::cache (cached domain credentials)',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /lsadump::cache\b/),
  },
  {
    id: 'ntds-extraction',
    technique: 'T1003.003',
    title: 'NTDS.dit copied or extracted (ntdsutil IFM, NinjaCopy, shadow copy path)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      textMatches(facts, /ntdsutil(\.exe)?["']?\s.*\b(ifm|create full)\b/) ||
      RUNS_INVOKE_NINJACOPY(facts) ||
      textMatches(facts, /\\ntds\.dit\b/) ||
      (FILE_WRITES.includes(event.type) &&
        facts.filePath.endsWith('\\ntds.dit') &&
        !facts.filePath.includes('\\windows\\ntds\\')),
  },
  {
    id: 'zerologon',
    technique: 'T1210',
    title: 'Zerologon (CVE-2020-1472) exploitation of the Netlogon service',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, /lsadump::zerologon|cve-2020-1472/),
  },
  {
    id: 'kerberoasting',
    technique: 'T1558.003',
    title: 'Service tickets requested for offline cracking (Kerberoasting)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\brubeus(\.exe)?["']?\s+kerberoast\b/) || RUNS_INVOKE_KERBEROAST(facts),
  },
  {
    id: 'asrep-roasting',
    technique: 'T1558.004',
    title: 'AS-REP roasting of accounts without Kerberos pre-authentication',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\brubeus(\.exe)?["']?\s+asreproast\b/) || RUNS_INVOKE_ASREPROAST(facts),
  },
  {
    id: 'kerberos-ticket-theft',
    technique: 'T1558',
    title: 'Kerberos tickets listed or exported from memory',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /kerberos::(list|tgt)\b|sekurlsa::tickets|\brubeus(\.exe)?["']?\s+dump\b/),
  },
  {
    id: 'golden-ticket',
    technique: 'T1558.001',
    title: 'Golden ticket forged with mimikatz or Rubeus',
    confidence: 0.9,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /kerberos::golden|\brubeus(\.exe)?["']?\s+golden\b/),
  },
  {
    id: 'overpass-the-hash',
    technique: 'T1550.002',
    title: 'A logon built from a stolen hash (sekurlsa::pth, Rubeus asktgt with a key)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /sekurlsa::pth\b/) ||
      textMatches(facts, /\basktgt\b.*\/(rc4|aes128|aes256|des|ntlm):/),
  },
  {
    id: 'pass-the-ticket',
    technique: 'T1550.003',
    title: 'A Kerberos ticket injected into the session (pass the ticket)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /kerberos::ptt\b|\brubeus(\.exe)?["']?\s+(ptt|asktgt\b.*\/ptt)\b/),
  },
  {
    id: 'credential-prompt',
    technique: 'T1056.002',
    title: 'A script shows a fake credential prompt',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /promptforcredential|creduipromptforcredentials|invoke-loginprompt/) ||
      RUNS_GET_CREDENTIAL(facts),
  },
  {
    id: 'wdigest-cleartext-enabled',
    technique: 'T1112',
    title: 'WDigest UseLogonCredential turned on so LSASS keeps clear-text passwords',
    confidence: 0.8,
    eventTypes: ANY_EVENT,
    match: (event, facts) =>
      (REGISTRY_WRITES.includes(event.type) &&
        facts.registryPath.endsWith('\\wdigest\\uselogoncredential') &&
        registryNumber(facts.registryValue) === 1) ||
      textMatches(facts, /wdigest.{0,80}uselogoncredential/),
  },
  {
    id: 'ntlm-downgrade',
    technique: 'T1112',
    title: 'LSA settings changed to allow weaker NTLM responses (Internal Monologue)',
    confidence: 0.75,
    eventTypes: REGISTRY_WRITES,
    match: (_event, facts) => NTLM_SETTINGS.test(facts.registryPath) && !isOsComponent(facts),
  },
  {
    id: 'password-spraying',
    technique: 'T1110.003',
    title: `Failed logons for ${SPRAY_DISTINCT_USERS}+ accounts on one endpoint within minutes`,
    confidence: 0.6,
    eventTypes: ['Login'],
    matchAll: (events) =>
      burstsOf({
        events,
        keyOf: (event) => event.endpoint.agentUuid ?? event.endpoint.name ?? '',
        enough: (burst) =>
          new Set(burst.map((event) => event.target.login?.userName?.toLowerCase())).size >=
          SPRAY_DISTINCT_USERS,
      }),
  },
  {
    id: 'password-guessing',
    technique: 'T1110.001',
    title: `${BRUTE_FORCE_FAILURES} or more failed logons for one account within minutes`,
    confidence: 0.55,
    eventTypes: ['Login'],
    matchAll: (events) =>
      burstsOf({
        events,
        keyOf: (event) =>
          [
            event.endpoint.agentUuid ?? event.endpoint.name,
            event.target.login?.userName?.toLowerCase(),
          ].join('|'),
        enough: (burst) => burst.length >= BRUTE_FORCE_FAILURES,
      }),
  },
];

/** Groups failed logons by key into bursts (no gap longer than the window) that pass `enough`. */
function burstsOf({
  events,
  keyOf,
  enough,
}: {
  events: readonly EvidenceEvent[];
  keyOf: (event: EvidenceEvent) => string;
  enough: (burst: EvidenceEvent[]) => boolean;
}): string[][] {
  const byKey = new Map<string, EvidenceEvent[]>();
  for (const event of events) {
    if (event.type === 'Login' && event.target.login?.success === false) {
      const key = keyOf(event);
      byKey.set(key, [...(byKey.get(key) ?? []), event]);
    }
  }

  const groups: string[][] = [];
  for (const failures of byKey.values()) {
    failures.sort((a, b) => a.time - b.time);
    let burst: EvidenceEvent[] = [];
    for (const event of failures) {
      const last = burst[burst.length - 1];
      if (last !== undefined && event.time - last.time > SPRAY_WINDOW_MS) {
        if (enough(burst)) groups.push(burst.map((item) => item.id));
        burst = [];
      }
      burst.push(event);
    }
    if (enough(burst)) groups.push(burst.map((item) => item.id));
  }
  return groups;
}
