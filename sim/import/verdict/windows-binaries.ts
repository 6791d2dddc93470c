/**
 * Programs that ship with Windows. Their hashes say nothing about an attack (a LOLBin is
 * the same file on every machine), so they are never reported as IOCs when they run from
 * the Windows folder. A look-alike name elsewhere, or an unknown name in System32
 * (`C:\Windows\System32\GruntHTTP2.exe`), still is.
 */
export const WINDOWS_BINARIES: ReadonlySet<string> = new Set(
  (
    'arp at attrib audiodg auditpol backgroundtaskhost bitsadmin calc certutil cmd cmstp ' +
    'computerdefaults conhost consent control csrss ctfmon cscript dllhost dsquery dwm esentutl ' +
    'eventvwr expand explorer findstr fodhelper forfiles hh hostname icacls installutil ' +
    'ipconfig klist lsass makecab mmc msbuild msdt mshta msiexec net net1 netsh netstat nltest ' +
    'notepad nslookup ntdsutil odbcconf pcalua ping powershell powershell_ise pwsh qwinsta quser ' +
    'reg regasm regsvcs regsvr32 robocopy route rundll32 runtimebroker sc schtasks sdclt ' +
    'searchfilterhost searchindexer searchprotocolhost services sethc sihost smartscreen smss ' +
    'snippingtool spoolsv sppsvc svchost systeminfo takeown taskhostw taskkill tasklist ' +
    'taskmgr timeout tracert userinit utilman vssadmin wermgr werfault wevtutil whoami ' +
    'wininit winlogon wmic wmiprvse wscript xcopy'
  ).split(' '),
);

const WINDOWS_FOLDER = /^[a-z]:\\windows\\/i;

/** A stock Windows program in its stock place. */
export function isStockWindowsBinary(imagePath: string): boolean {
  const name =
    imagePath
      .split('\\')
      .pop()
      ?.toLowerCase()
      .replace(/\.exe$/, '') ?? '';
  return WINDOWS_FOLDER.test(imagePath) && WINDOWS_BINARIES.has(name);
}
