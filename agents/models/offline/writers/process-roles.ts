/**
 * Processes that start other programs for the user or the system (the shell, the service
 * manager, session start-up). A case's root cause is the first process below them.
 */
export const LAUNCHERS: ReadonlySet<string> = new Set([
  'explorer.exe',
  'userinit.exe',
  'winlogon.exe',
  'wininit.exe',
  'services.exe',
  'svchost.exe',
  'smss.exe',
  'system',
  'csrss.exe',
]);

const USER_WRITABLE: readonly RegExp[] = [
  /^[a-z]:\\(users\\[^\\]+|windows\\temp|temp|perflogs)\\/i,
  /^[a-z]:\\programdata\\(?!microsoft\\)/i,
  /\\(downloads|appdata)\\/i,
];

/** Folders any user can write to, where installed software does not live. */
export function isUserWritable(path: string): boolean {
  return USER_WRITABLE.some((pattern) => pattern.test(path));
}

/** Accounts of the system and of machines, which are not people affected by a case. */
export function isServiceAccount(user: string): boolean {
  const name = user.toLowerCase();
  return (
    name.startsWith('nt authority\\') ||
    name.endsWith('$') ||
    name === 'system' ||
    name.startsWith('font driver host\\') ||
    name.startsWith('window manager\\')
  );
}
