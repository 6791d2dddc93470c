import type { EventFacts, Execution } from '../event-facts.ts';
import { ANY_EVENT, runsCommand, textMatches } from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** `net` or `net1` with arguments; net.exe starts net1.exe with the same ones. */
function netCommand(facts: EventFacts): Execution | undefined {
  const exec = facts.exec;
  return exec !== undefined && (exec.image === 'net.exe' || exec.image === 'net1.exe')
    ? exec
    : undefined;
}

function netDoes(facts: EventFacts, verb: RegExp, domain: boolean): boolean {
  const exec = netCommand(facts);
  if (exec === undefined || !verb.test(exec.cmd) || /\s\/(add|delete|del)\b/.test(exec.cmd)) {
    return false;
  }
  return /\s\/do(main)?\b/.test(exec.cmd) === domain;
}

function started(facts: EventFacts, images: readonly string[]): boolean {
  return facts.exec !== undefined && images.includes(facts.exec.image);
}

const RUNS_GET_DOMAINTRUST = runsCommand(
  'get-domaintrust',
  'get-netdomaintrust',
  'get-forestdomain',
);
const RUNS_GET_ADDOMAINCONTROLLER = runsCommand(
  'get-addomaincontroller',
  'get-domaincontroller',
  'get-netdomaincontroller',
);
const RUNS_FIND_LOCALADMINACCESS = runsCommand(
  'find-localadminaccess',
  'invoke-enumeratelocaladmin',
  'get-netlocalgroup',
);
const RUNS_GET_NETSESSION = runsCommand(
  'get-netsession',
  'get-netloggedon',
  'invoke-userhunter',
  'get-netrdpsession',
);
const RUNS_GET_DOMAINUSER = runsCommand('get-domainuser', 'get-netuser', 'get-aduser');
const RUNS_GET_DOMAINGROUPMEMBER = runsCommand(
  'get-domaingroupmember',
  'get-netgroupmember',
  'get-adgroupmember',
);
const RUNS_GET_DOMAINCOMPUTER = runsCommand(
  'get-domaincomputer',
  'get-netcomputer',
  'get-adcomputer',
);
const RUNS_INVOKE_SHAREFINDER = runsCommand(
  'invoke-sharefinder',
  'get-netshare',
  'find-domainshare',
);

export const DISCOVERY_RULES: readonly TechniqueRule[] = [
  {
    id: 'net-local-users',
    technique: 'T1087.001',
    title: 'Local accounts listed with net user',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => netDoes(facts, /\suser(s)?\b/, false),
  },
  {
    id: 'net-domain-users',
    technique: 'T1087.002',
    title: 'Domain accounts listed with net user /domain',
    confidence: 0.65,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => netDoes(facts, /\suser(s)?\b/, true),
  },
  {
    id: 'net-local-groups',
    technique: 'T1069.001',
    title: 'Local groups or their members listed with net localgroup',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => netDoes(facts, /\slocalgroup\b/, false),
  },
  {
    id: 'net-domain-groups',
    technique: 'T1069.002',
    title: 'Domain groups listed with net group /domain',
    confidence: 0.65,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => netDoes(facts, /\sgroup\b/, true),
  },
  {
    id: 'net-shares',
    technique: 'T1135',
    title: 'Network shares or hosts listed with net view or net share',
    confidence: 0.55,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = netCommand(facts);
      return (
        exec !== undefined && /\s(view|share)\b/.test(exec.cmd) && !/\s\/delete\b/.test(exec.cmd)
      );
    },
  },
  {
    id: 'network-sessions-listed',
    technique: 'T1049',
    title: 'Network connections or sessions listed (netstat, net session, query session)',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      started(facts, ['netstat.exe', 'qwinsta.exe']) ||
      (netCommand(facts) !== undefined && /\ssessions?\b/.test(facts.exec?.cmd ?? '')),
  },
  {
    id: 'whoami',
    technique: 'T1033',
    title: 'The current user and privileges checked with whoami or quser',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => started(facts, ['whoami.exe', 'quser.exe']),
  },
  {
    id: 'system-information',
    technique: 'T1082',
    title: 'System information gathered (systeminfo, hostname)',
    confidence: 0.55,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => started(facts, ['systeminfo.exe', 'hostname.exe']),
  },
  {
    id: 'process-list',
    technique: 'T1057',
    title: 'Running processes listed (tasklist, qprocess)',
    confidence: 0.5,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => started(facts, ['tasklist.exe', 'qprocess.exe']),
  },
  {
    id: 'network-configuration',
    technique: 'T1016',
    title: 'Network configuration read (ipconfig, arp, route print, nbtstat)',
    confidence: 0.45,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      started(facts, ['ipconfig.exe', 'arp.exe', 'nbtstat.exe']) ||
      (started(facts, ['route.exe']) && /\sprint\b/.test(facts.exec?.cmd ?? '')),
  },
  {
    id: 'domain-trusts',
    technique: 'T1482',
    title: 'Domain trusts enumerated (nltest /domain_trusts, Get-DomainTrust)',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bnltest(\.exe)?["']?\s.*\/(domain_trusts|trusted_domains|all_trusts)/) ||
      RUNS_GET_DOMAINTRUST(facts),
  },
  {
    id: 'domain-controllers-listed',
    technique: 'T1018',
    title:
      'Domain controllers or remote hosts listed (nltest /dclist, net group "domain controllers")',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bnltest(\.exe)?["']?\s.*\/(dclist|dsgetdc)\b/) ||
      textMatches(
        facts,
        /\bnet1?(\.exe)?["']?\s+group\s+["']?domain controllers["']?.*\/do(main)?\b/,
      ) ||
      RUNS_GET_ADDOMAINCONTROLLER(facts),
  },
  {
    id: 'registry-query',
    technique: 'T1012',
    title: 'The registry queried with reg query',
    confidence: 0.45,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      started(facts, ['reg.exe']) && /\squery\s/.test(facts.exec?.cmd ?? ''),
  },
  {
    id: 'powerview-local-admin-hunt',
    technique: 'T1069.001',
    title: 'PowerView hunting for hosts where the user is a local administrator',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_FIND_LOCALADMINACCESS(facts),
  },
  {
    id: 'powerview-sessions',
    technique: 'T1049',
    title: 'PowerView listing sessions and logged-on users on other hosts',
    confidence: 0.65,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_GET_NETSESSION(facts),
  },
  {
    id: 'powerview-domain-users',
    technique: 'T1087.002',
    title: 'Domain users enumerated from a script (Get-DomainUser, Get-ADUser)',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_GET_DOMAINUSER(facts),
  },
  {
    id: 'powerview-domain-groups',
    technique: 'T1069.002',
    title: 'Domain groups enumerated from a script (Get-DomainGroupMember, Get-ADGroupMember)',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_GET_DOMAINGROUPMEMBER(facts),
  },
  {
    id: 'powerview-computers',
    technique: 'T1018',
    title: 'Domain computers enumerated from a script (Get-DomainComputer, Get-ADComputer)',
    confidence: 0.55,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_GET_DOMAINCOMPUTER(facts),
  },
  {
    id: 'share-discovery-script',
    technique: 'T1135',
    title: 'Network shares searched from a script (Invoke-ShareFinder, Get-NetShare)',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => RUNS_INVOKE_SHAREFINDER(facts),
  },
  {
    id: 'ad-collection-tool',
    technique: 'T1087.002',
    title: 'An Active Directory collection tool run (SharpHound, BloodHound, AdFind)',
    confidence: 0.7,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\b(sharphound|invoke-bloodhound|adfind)(\.exe|\.ps1)?\b/),
  },
  {
    id: 'host-survey-tool',
    technique: 'T1082',
    title: 'A host survey tool run (Seatbelt, winPEAS, SharpUp)',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\b(seatbelt|winpeas(x64|x86)?|sharpup)(\.exe)?\b/),
  },
];
