/** The 14 Enterprise tactics, for labelling when no catalogue file is loaded. */
export const ENTERPRISE_TACTICS: Readonly<Record<string, { shortname: string; name: string }>> = {
  TA0001: { shortname: 'initial-access', name: 'Initial Access' },
  TA0002: { shortname: 'execution', name: 'Execution' },
  TA0003: { shortname: 'persistence', name: 'Persistence' },
  TA0004: { shortname: 'privilege-escalation', name: 'Privilege Escalation' },
  TA0005: { shortname: 'defense-evasion', name: 'Defense Evasion' },
  TA0006: { shortname: 'credential-access', name: 'Credential Access' },
  TA0007: { shortname: 'discovery', name: 'Discovery' },
  TA0008: { shortname: 'lateral-movement', name: 'Lateral Movement' },
  TA0009: { shortname: 'collection', name: 'Collection' },
  TA0010: { shortname: 'exfiltration', name: 'Exfiltration' },
  TA0011: { shortname: 'command-and-control', name: 'Command and Control' },
  TA0040: { shortname: 'impact', name: 'Impact' },
  TA0042: { shortname: 'resource-development', name: 'Resource Development' },
  TA0043: { shortname: 'reconnaissance', name: 'Reconnaissance' },
};
