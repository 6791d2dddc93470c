import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  CMD,
  connect,
  fileWrite,
  login,
  proc,
  registry,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { LATERAL_MOVEMENT_RULES } from './lateral-movement-rules.ts';

const KERNEL = () => proc('System', { name: 'System', pid: 4 });
const SERVICES = () => proc('C:\\Windows\\System32\\services.exe');
const SVCHOST = () => proc('C:\\Windows\\System32\\svchost.exe');
const WSMPROVHOST = () => proc('C:\\Windows\\System32\\wsmprovhost.exe');
const EXCEL = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';

describe('lateral movement rules', () => {
  testRuleCases(LATERAL_MOVEMENT_RULES, [
    {
      rule: 'psexec-service',
      fires: started('C:\\Windows\\PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe', SERVICES()),
      quiet: started('C:\\Windows\\System32\\spoolsv.exe', 'spoolsv.exe', SERVICES()),
    },
    {
      rule: 'psexec-remote-target',
      fires: started(
        'C:\\Tools\\PsExec.exe',
        'PsExec.exe \\\\ws-02 -accepteula -s cmd /c whoami',
        CMD(),
      ),
      quiet: started(
        'C:\\Tools\\PsExec.exe',
        'PsExec.exe -accepteula -s reg save HKLM\\sam c:\\s',
        CMD(),
      ),
    },
    {
      rule: 'psexec-service-remote-origin',
      fires: fileWrite('C:\\Windows\\PSEXESVC.exe', KERNEL()),
      quiet: fileWrite('C:\\Windows\\PSEXESVC.exe', SERVICES()),
    },
    {
      rule: 'remote-service-control',
      fires: system('sc.exe', 'sc.exe  \\\\MORDORDC.theshire.local query IKEEXT'),
      quiet: system('sc.exe', 'sc.exe query IKEEXT'),
    },
    {
      rule: 'admin-share-copy',
      fires: system('cmd.exe', 'cmd.exe /c copy C:\\Temp\\u.exe \\\\ws-02\\C$\\Windows\\Temp\\'),
      quiet: system('cmd.exe', 'cmd.exe /c copy C:\\Temp\\u.txt \\\\fileserver\\reports\\'),
    },
    {
      rule: 'smb-tool-transfer',
      fires: fileWrite('C:\\ProgramData\\GruntHTTP.exe', KERNEL()),
      quiet: fileWrite('C:\\Windows\\System32\\LogFiles\\WMI\\RtBackup\\x.etl', KERNEL()),
    },
    {
      rule: 'smb-dropped-executable',
      fires: fileWrite('C:\\Windows\\System32\\wbem\\wbemcomn.dll', KERNEL()),
      quiet: fileWrite(
        'C:\\Windows\\System32\\wbem\\wbemcomn.dll',
        proc('C:\\Windows\\servicing\\TrustedInstaller.exe'),
      ),
    },
    {
      rule: 'smb-from-dropped-program',
      fires: connect(proc('C:\\Users\\ann\\Desktop\\GruntHTTP.exe'), '172.18.39.6', 445),
      quiet: connect(proc('C:\\Windows\\System32\\svchost.exe'), '172.18.39.6', 445),
    },
    {
      rule: 'winrm-remoting-host',
      fires: started(
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        'powershell.exe -noP -sta -w 1 -enc AAAA',
        WSMPROVHOST(),
      ),
      quiet: started(
        'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
        'powershell.exe',
        proc('C:\\Windows\\explorer.exe'),
      ),
    },
    {
      rule: 'winrm-remoting-command',
      fires: script('Invoke-Command -ComputerName ws-02 -ScriptBlock { whoami }'),
      quiet: script('Invoke-Command -ScriptBlock { whoami }'),
    },
    {
      rule: 'dcom-lateral-script',
      fires: script(
        '$c=[activator]::CreateInstance([type]::GetTypeFromProgID("MMC20.Application","10.0.0.7"))',
      ),
      quiet: script(
        '$c=[activator]::CreateInstance([type]::GetTypeFromProgID("Scripting.FileSystemObject"))',
      ),
    },
    {
      rule: 'dcom-launched-application',
      fires: started(EXCEL, '"EXCEL.EXE" /automation -Embedding', SVCHOST()),
      quiet: started(
        EXCEL,
        '"EXCEL.EXE" C:\\Users\\ann\\budget.xlsx',
        proc('C:\\Windows\\explorer.exe'),
      ),
    },
    {
      rule: 'rdp-logon',
      fires: login({ type: 'REMOTE_INTERACTIVE' }),
      quiet: login({ type: 'INTERACTIVE' }),
    },
    {
      rule: 'new-credentials-logon',
      fires: login({ type: 'NEW_CREDENTIALS' }),
      quiet: login({ type: 'NETWORK' }),
    },
  ]);

  testRuleCases(
    LATERAL_MOVEMENT_RULES.filter((rule) => rule.id === 'psexec-service'),
    [
      {
        rule: 'psexec-service',
        fires: registry(
          'HKLM\\System\\CurrentControlSet\\Services\\PSEXESVC\\ImagePath',
          '%SystemRoot%\\PSEXESVC.exe',
          SERVICES(),
        ),
        quiet: registry(
          'HKLM\\System\\CurrentControlSet\\Services\\PSEXESVC2\\ImagePath',
          'x',
          SERVICES(),
        ),
      },
    ],
  );
});
