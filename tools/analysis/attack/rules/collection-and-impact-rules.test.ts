import { describe } from 'vitest';
import { testRuleCases } from '../../testing/rule-cases.ts';
import { proc, registry, script, started, system } from '../../testing/rule-test-events.ts';
import { COLLECTION_AND_IMPACT_RULES } from './collection-and-impact-rules.ts';

const SVCHOST = () => proc('C:\\Windows\\System32\\svchost.exe');
const CONSENT =
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\' +
  'ConsentStore\\microphone\\NonPackaged\\';

describe('collection and impact rules', () => {
  testRuleCases(COLLECTION_AND_IMPACT_RULES, [
    {
      rule: 'microphone-used-by-shell',
      fires: registry(
        `${CONSENT}C:#Windows#System32#WindowsPowerShell#v1.0#powershell.exe\\LastUsedTimeStart`,
        'QWORD (0x01d6a1b2-0x3c4d5e6f)',
        SVCHOST(),
      ),
      quiet: registry(
        `${CONSENT}C:#Program Files#Zoom#bin#Zoom.exe\\LastUsedTimeStart`,
        'QWORD (0x01d6a1b2-0x3c4d5e6f)',
        SVCHOST(),
      ),
    },
    {
      rule: 'screen-capture',
      fires: script('$g.CopyFromScreen($b.Location, [Drawing.Point]::Empty, $b.Size)'),
      quiet: script('$screen = [System.Windows.Forms.Screen]::PrimaryScreen.Bounds'),
    },
    {
      rule: 'keylogging',
      fires: script('[Win32]::GetAsyncKeyState($key)'),
      quiet: script('[Console]::ReadKey($true)'),
    },
    {
      rule: 'clipboard-read',
      fires: script('Get-Clipboard | Out-File C:\\Temp\\c.txt'),
      quiet: script('Set-Clipboard -Value done'),
    },
    {
      rule: 'archive-for-collection',
      fires: started(
        'C:\\Tools\\7z.exe',
        '7z.exe a -pS3cret C:\\Temp\\loot.7z C:\\Users\\ann\\Documents',
      ),
      quiet: started('C:\\Tools\\7z.exe', '7z.exe x C:\\Temp\\tools.7z'),
    },
    {
      rule: 'recovery-inhibited',
      fires: system('vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet'),
      quiet: system('vssadmin.exe', 'vssadmin.exe list shadows'),
    },
  ]);
});
