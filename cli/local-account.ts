import { userInfo } from 'node:os';

/**
 * Who ran the command, for the audit: the CLI has no login, and whoever can run it can
 * write the store, so the operating-system account that ran it is the most that is known.
 */
export function localAccount(): string {
  try {
    return `os:${userInfo().username}`;
  } catch {
    // A container user without a passwd entry has a uid but no name.
    return `os:uid-${process.getuid?.() ?? 'unknown'}`;
  }
}
