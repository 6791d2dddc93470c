import { createHash } from 'node:crypto';

/**
 * An 18-digit id derived from a name, for things the scenario format names but does not
 * number (sites, groups, collections): the same name always gets the same id.
 */
export function stableId(namespace: string, name: string): string {
  const digest = createHash('sha256').update(`${namespace}\u0000${name}`).digest('hex');
  const value = (BigInt(`0x${digest.slice(0, 15)}`) % 900_000_000_000_000_000n) + 10n ** 17n;
  return value.toString();
}
