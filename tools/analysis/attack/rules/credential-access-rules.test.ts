import { describe, expect, it } from 'vitest';
import { T0 } from '../../testing/evidence-builder.ts';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  fileWrite,
  login,
  openProcess,
  POWERSHELL,
  proc,
  registry,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { matchRules } from '../match-rules.ts';
import { CREDENTIAL_ACCESS_RULES } from './credential-access-rules.ts';

const LSASS = 'C:\\Windows\\System32\\lsass.exe';
const TOOLS = 'C:\\Users\\ann\\Downloads\\';
const PER_EVENT = CREDENTIAL_ACCESS_RULES.filter((rule) => !('matchAll' in rule));

describe('credential access rules', () => {
  testRuleCases(PER_EVENT, [
    {
      rule: 'lsass-memory-read',
      fires: openProcess(POWERSHELL(), LSASS, '0x1010'),
      quiet: openProcess(proc('C:\\Windows\\System32\\svchost.exe'), LSASS, '0x1410'),
    },
    {
      rule: 'lsass-memory-read-other',
      fires: openProcess(proc('C:\\Windows\\System32\\taskmgr.exe'), LSASS, '0x1410'),
      quiet: openProcess(proc('C:\\Windows\\System32\\taskmgr.exe'), LSASS, '0x1400'),
    },
    {
      rule: 'lsass-dump-file',
      fires: fileWrite('C:\\Users\\ann\\AppData\\Local\\Temp\\lsass.DMP'),
      quiet: fileWrite('C:\\Users\\ann\\AppData\\Local\\Temp\\notepad.DMP'),
    },
    {
      rule: 'comsvcs-minidump',
      fires: system(
        'rundll32.exe',
        'rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\out.dmp full',
      ),
      quiet: system(
        'rundll32.exe',
        'rundll32.exe C:\\windows\\System32\\comsvcs.dll,DllRegisterServer',
      ),
    },
    {
      rule: 'comsvcs-minidump-rundll32',
      fires: system(
        'rundll32.exe',
        'rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 712 C:\\x.bin full',
      ),
      quiet: script('[comsvcs]::MiniDump(712)'),
    },
    {
      rule: 'procdump-lsass',
      fires: started(`${TOOLS}procdump64.exe`, 'procdump64.exe -accepteula -ma lsass.exe out.dmp'),
      quiet: started(`${TOOLS}procdump64.exe`, 'procdump64.exe -ma notepad.exe out.dmp'),
    },
    {
      rule: 'mimikatz-sekurlsa',
      fires: script('Invoke-Mimikatz -Command "sekurlsa::logonpasswords"'),
      quiet: script('Write-Output "sekurlsa is a word in a comment"'),
    },
    {
      rule: 'mimikatz-tool',
      fires: started(`${TOOLS}m.exe`, 'm.exe "privilege::debug" "token::elevate"'),
      quiet: script('function Invoke-Mimikatz { param($Command) }'),
    },
    {
      rule: 'mimikatz-lsadump-other',
      fires: script('Invoke-Mimikatz -Command "lsadump::backupkeys /system:dc01 /export"'),
      quiet: script('Invoke-Mimikatz -Command "lsadump::dcsync /user:krbtgt"'),
    },
    {
      rule: 'dcsync',
      fires: script('Invoke-DCSync -PWDumpFormat'),
      quiet: script('function Invoke-DcSync {\n<#\n.EXAMPLE\nInvoke-DcSync -User x\n#>\n}'),
    },
    {
      rule: 'sam-hash-dump-tool',
      fires: script('Invoke-PowerDump'),
      quiet: script('Get-Item HKLM:\\SAM -ErrorAction SilentlyContinue'),
    },
    {
      rule: 'reg-save-sam',
      fires: system('reg.exe', 'reg save HKLM\\SAM C:\\temp\\sam.save'),
      quiet: system(
        'reg.exe',
        'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Winlogon" w.txt /y',
      ),
    },
    {
      rule: 'reg-save-security',
      fires: system('reg.exe', '"reg" save HKLM\\security\\policy\\secrets C:\\temp\\secrets'),
      quiet: system('reg.exe', 'reg query HKLM\\SECURITY\\Policy'),
    },
    {
      rule: 'mimikatz-lsa-secrets',
      fires: script('Invoke-Mimikatz -Command "lsadump::secrets"'),
      quiet: script('Invoke-Mimikatz -Command "lsadump::sam"'),
    },
    {
      rule: 'mimikatz-cached-credentials',
      fires: script('Invoke-Mimikatz -Command "lsadump::cache"'),
      quiet: script('Invoke-Mimikatz -Command "lsadump::secrets"'),
    },
    {
      rule: 'ntds-extraction',
      fires: system('ntdsutil.exe', 'ntdsutil "ac i ntds" "ifm" "create full c:\\temp" q q'),
      quiet: fileWrite('C:\\Windows\\NTDS\\ntds.dit', proc('C:\\Windows\\System32\\lsass.exe')),
    },
    {
      rule: 'zerologon',
      fires: started(
        `${TOOLS}mimikatz.exe`,
        'mimikatz.exe "lsadump::zerologon /target:dc01 /exploit"',
      ),
      quiet: started(`${TOOLS}mimikatz.exe`, 'mimikatz.exe "lsadump::lsa /patch"'),
    },
    {
      rule: 'kerberoasting',
      fires: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe kerberoast /outfile:hashes.txt'),
      quiet: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe triage'),
    },
    {
      rule: 'asrep-roasting',
      fires: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe asreproast /format:hashcat'),
      quiet: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe klist'),
    },
    {
      rule: 'kerberos-ticket-theft',
      fires: script('Invoke-Mimikatz -Command "kerberos::list /export"'),
      quiet: script('klist purge'),
    },
    {
      rule: 'golden-ticket',
      fires: script('Invoke-Mimikatz -Command "kerberos::golden /user:x /krbtgt:abc /ptt"'),
      quiet: script('Invoke-Mimikatz -Command "kerberos::list"'),
    },
    {
      rule: 'overpass-the-hash',
      fires: started(
        `${TOOLS}Rubeus.exe`,
        'Rubeus.exe asktgt /user:ann /rc4:81d310fa34e6a56a /ptt',
      ),
      quiet: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe asktgt /user:ann /password:x'),
    },
    {
      rule: 'pass-the-ticket',
      fires: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe ptt /ticket:doIF...'),
      quiet: started(`${TOOLS}Rubeus.exe`, 'Rubeus.exe describe /ticket:doIF...'),
    },
    {
      rule: 'credential-prompt',
      fires: script('$c = $Host.UI.PromptForCredential("Windows Security", "Sign in", "", "")'),
      quiet: script('function Get-Credential { }'),
    },
    {
      rule: 'wdigest-cleartext-enabled',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\SecurityProviders\\WDigest\\UseLogonCredential',
        'DWORD (0x00000001)',
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\SecurityProviders\\WDigest\\UseLogonCredential',
        'DWORD (0x00000000)',
      ),
    },
    {
      rule: 'ntlm-downgrade',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LMCompatibilityLevel',
        'DWORD (0x00000002)',
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LMCompatibilityLevel',
        'DWORD (0x00000005)',
        proc('C:\\Windows\\System32\\svchost.exe'),
      ),
    },
  ]);
});

describe('password-spraying', () => {
  const rule = CREDENTIAL_ACCESS_RULES.filter((r) => r.id === 'password-spraying');

  it('fires on failed logons for five accounts within minutes', () => {
    const failures = ['ann', 'bob', 'cy', 'dee', 'eve'].map((userName, i) =>
      login({ type: 'INTERACTIVE', success: false, userName, time: T0 + i * 1_000 }),
    );

    expect(matchRules(failures, rule).flatMap((m) => m.eventIds)).toEqual(
      failures.map((e) => e.id),
    );
  });

  it('stays quiet on four accounts, on successes and on failures hours apart', () => {
    const four = ['ann', 'bob', 'cy', 'dee'].map((userName) =>
      login({ type: 'INTERACTIVE', success: false, userName }),
    );
    const spread = ['ann', 'bob', 'cy', 'dee', 'eve'].map((userName, i) =>
      login({ type: 'INTERACTIVE', success: false, userName, time: T0 + i * 3_600_000 }),
    );
    const successes = ['ann', 'bob', 'cy', 'dee', 'eve'].map((userName) =>
      login({ type: 'INTERACTIVE', userName }),
    );

    expect(matchRules([...four, ...successes], rule)).toEqual([]);
    expect(matchRules(spread, rule)).toEqual([]);
  });
});

describe('password-guessing', () => {
  const rule = CREDENTIAL_ACCESS_RULES.filter((r) => r.id === 'password-guessing');

  it('fires on ten failed logons for one account and not on nine', () => {
    const ten = Array.from({ length: 10 }, (_, i) =>
      login({ type: 'NETWORK', success: false, userName: 'Admin', time: T0 + i * 500 }),
    );

    expect(matchRules(ten, rule)[0]?.eventIds).toHaveLength(10);
    expect(matchRules(ten.slice(1), rule)).toEqual([]);
  });
});
