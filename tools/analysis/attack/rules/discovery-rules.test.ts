import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import { script, started, system } from '../../testing/rule-test-events.ts';
import { DISCOVERY_RULES } from './discovery-rules.ts';

describe('discovery rules', () => {
  testRuleCases(DISCOVERY_RULES, [
    {
      rule: 'net-local-users',
      fires: system('net1.exe', 'C:\\windows\\system32\\net1 user'),
      quiet: system('net.exe', 'net user /domain'),
    },
    {
      rule: 'net-domain-users',
      fires: system('net.exe', '"C:\\windows\\system32\\net.exe" user /domain'),
      quiet: system('net.exe', 'net user'),
    },
    {
      rule: 'net-local-groups',
      fires: system('net.exe', 'net localgroup Administrators'),
      quiet: system('net.exe', 'net localgroup Administrators eve /add'),
    },
    {
      rule: 'net-domain-groups',
      fires: system('net.exe', 'net group "Domain Admins" /domain'),
      quiet: system('net.exe', 'net localgroup'),
    },
    {
      rule: 'net-shares',
      fires: system('net.exe', 'net view \\\\fileserver01'),
      quiet: system('net.exe', 'net use'),
    },
    {
      rule: 'network-sessions-listed',
      fires: system('NETSTAT.EXE', 'netstat -ano'),
      quiet: system('net.exe', 'net time'),
    },
    {
      rule: 'whoami',
      fires: system('whoami.exe', 'whoami /groups'),
      quiet: system('hostname.exe', 'hostname'),
    },
    {
      rule: 'system-information',
      fires: system('systeminfo.exe', 'systeminfo'),
      quiet: system('whoami.exe', 'whoami'),
    },
    {
      rule: 'process-list',
      fires: system('tasklist.exe', 'tasklist /fo table /svc'),
      quiet: system('taskkill.exe', 'taskkill /IM x.exe /F'),
    },
    {
      rule: 'network-configuration',
      fires: system('ipconfig.exe', 'ipconfig /all'),
      quiet: system('route.exe', 'route add 10.0.0.0 mask 255.0.0.0 10.1.1.1'),
    },
    {
      rule: 'domain-trusts',
      fires: system('nltest.exe', 'nltest /domain_trusts /all_trusts'),
      quiet: system('nltest.exe', 'nltest /dclist:corp'),
    },
    {
      rule: 'domain-controllers-listed',
      fires: system('nltest.exe', 'nltest /dclist:acme.corp'),
      quiet: system('nltest.exe', 'nltest /domain_trusts'),
    },
    {
      rule: 'registry-query',
      fires: system('reg.exe', 'reg query HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'),
      quiet: system('reg.exe', 'reg add HKCU\\Software\\x /v y /d 1'),
    },
    {
      rule: 'powerview-local-admin-hunt',
      fires: script('Find-LocalAdminAccess -Threads 20'),
      quiet: script('function Find-LocalAdminAccess { [CmdletBinding()] param() }'),
    },
    {
      rule: 'powerview-sessions',
      fires: script('Get-NetSession -ComputerName dc01'),
      quiet: script('Get-PSSession'),
    },
    {
      rule: 'powerview-domain-users',
      fires: script('Get-DomainUser -SPN | Select-Object samaccountname'),
      quiet: script('Get-LocalUser'),
    },
    {
      rule: 'powerview-domain-groups',
      fires: script('Get-DomainGroupMember -Identity "Domain Admins"'),
      quiet: script('Get-LocalGroupMember -Group Users'),
    },
    {
      rule: 'powerview-computers',
      fires: script('Get-ADComputer -Filter *'),
      quiet: script('Get-ComputerInfo'),
    },
    {
      rule: 'share-discovery-script',
      fires: script('Invoke-ShareFinder -CheckShareAccess'),
      quiet: script('Get-PSDrive -PSProvider FileSystem'),
    },
    {
      rule: 'ad-collection-tool',
      fires: started('C:\\Users\\ann\\Downloads\\SharpHound.exe', 'SharpHound.exe -c All'),
      quiet: started('C:\\Users\\ann\\Downloads\\Sharp.exe', 'Sharp.exe --help'),
    },
    {
      rule: 'host-survey-tool',
      fires: started('C:\\Users\\ann\\Downloads\\Seatbelt.exe', 'Seatbelt.exe  -group=user'),
      quiet: started('C:\\Users\\ann\\Downloads\\seat.exe', 'seat.exe -group=user'),
    },
  ]);
});
