import { isSystemPath, isUserWritablePath } from '../attack/rule-helpers.ts';
import { fileNameOf } from '../evidence/file-name.ts';

/**
 * Modules whose load says something about intent. Kept short on purpose: each entry is
 * a library attackers load for a specific job, not merely an uncommon one.
 */
const NOTABLE: Readonly<Record<string, string>> = {
  'dbghelp.dll': 'memory dump helper',
  'dbgcore.dll': 'memory dump helper',
  'comsvcs.dll': 'exports MiniDump',
  'samlib.dll': 'SAM database access',
  'vaultcli.dll': 'credential vault access',
  'cryptdll.dll': 'Kerberos key functions',
  'scrobj.dll': 'COM scriptlet runtime',
  'vbscript.dll': 'VBScript engine',
  'jscript.dll': 'JScript engine',
  'jscript9.dll': 'JScript engine',
  'system.management.automation.dll': 'PowerShell engine',
  'system.management.automation.ni.dll': 'PowerShell engine',
};

/** Hosts for which a notable module is their ordinary work. */
const EXPECTED_HOSTS: Readonly<Record<string, readonly string[]>> = {
  'PowerShell engine': ['powershell.exe', 'powershell_ise.exe', 'pwsh.exe', 'wsmprovhost.exe'],
  'VBScript engine': ['wscript.exe', 'cscript.exe'],
  'JScript engine': ['wscript.exe', 'cscript.exe', 'iexplore.exe', 'msedge.exe'],
};

/** Why loading this module is worth a look, or undefined for ordinary loads. */
export function moduleNote(modulePath: string, hostImage: string): string | undefined {
  const named = NOTABLE[fileNameOf(modulePath)];
  if (named !== undefined && !(EXPECTED_HOSTS[named] ?? []).includes(hostImage)) {
    return named;
  }
  return isUserWritablePath(modulePath) && !isSystemPath(modulePath)
    ? 'loaded from a user-writable folder'
    : undefined;
}
