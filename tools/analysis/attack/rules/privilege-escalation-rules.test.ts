import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  POWERSHELL,
  proc,
  registry,
  remoteThread,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { PRIVILEGE_ESCALATION_RULES } from './privilege-escalation-rules.ts';

const FODHELPER = () => proc('C:\\Windows\\System32\\fodhelper.exe');
const DLLHOST = () => proc('C:\\Windows\\System32\\dllhost.exe');

describe('privilege escalation rules', () => {
  testRuleCases(PRIVILEGE_ESCALATION_RULES, [
    {
      rule: 'uac-bypass-registry-hijack',
      fires: registry(
        'HKU\\S-1-5-21-1-2-3-1104_Classes\\ms-settings\\Shell\\Open\\command\\DelegateExecute',
        '',
      ),
      quiet: registry(
        'HKU\\S-1-5-21-1-2-3-1104_Classes\\txtfile\\Shell\\Open\\command',
        'notepad.exe %1',
      ),
    },
    {
      rule: 'uac-bypass-elevated-child',
      fires: started(
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        'powershell -NoP -NonI -W Hidden -enc AAAA',
        FODHELPER(),
      ),
      quiet: system('control.exe', 'control.exe /name Microsoft.DefaultPrograms', FODHELPER()),
    },
    {
      rule: 'elevated-com-shell',
      fires: system('cmd.exe', 'c:\\windows\\system32\\cmd.exe', DLLHOST()),
      quiet: system('notepad.exe', 'notepad.exe', DLLHOST()),
    },
    {
      rule: 'named-pipe-impersonation',
      fires: system(
        'sc.exe',
        'sc create tbbd05 binpath= "%COMSPEC% echo /c b6a1458f396 > \\\\.\\pipe\\334485"',
      ),
      quiet: system('cmd.exe', 'cmd.exe /c echo done > C:\\Temp\\log.txt'),
    },
    {
      rule: 'token-manipulation-api',
      fires: script('[Win32]::DuplicateTokenEx($token, 0xf01ff, 0, 2, 1, [ref]$dup)'),
      quiet: script('[Win32]::GetTokenInformation($token, 1, 0, 0, [ref]$len)'),
    },
    {
      rule: 'create-process-with-token',
      fires: started(
        'C:\\Users\\ann\\Desktop\\Rubeus.exe',
        'Rubeus.exe asktgt /user:bob /rc4:aa /createnetonly:C:\\Windows\\System32\\cmd.exe',
      ),
      quiet: system('runas.exe', 'runas /user:corp\\admin cmd.exe'),
    },
    {
      rule: 'remote-thread-injection',
      fires: remoteThread(POWERSHELL(), 'C:\\Windows\\System32\\notepad.exe'),
      quiet: remoteThread(
        proc('C:\\Windows\\System32\\csrss.exe'),
        'C:\\Windows\\System32\\notepad.exe',
      ),
    },
    {
      rule: 'injection-tooling',
      fires: script('Invoke-PSInject -ProcId 4242 -PoshCode $code'),
      quiet: script('Get-Process -Id 4242'),
    },
  ]);
});
