import { FIELDS } from '../../tools/s1ql/fields.ts';

/** Deep Visibility JSON keys (`tgtProcCmdLine`, `dnsRequest`…) of attacker-controlled fields. */
export const UNTRUSTED_DV_KEYS: ReadonlySet<string> = new Set(
  FIELDS.filter((field) => field.untrusted).map((field) => field.dv),
);

const TRUSTED_DV_KEYS: ReadonlySet<string> = new Set(
  FIELDS.filter((field) => !field.untrusted).map((field) => field.dv),
);

/**
 * The keys of a Deep Visibility event whose string values may be attacker-controlled.
 * It fails closed: a string is trusted only when the field catalogue knows its key and
 * says so. Consoles also send legacy duplicates (`processCmd`, `fileFullName`…) that the
 * catalogue does not list, and those carry the same attacker text.
 */
export function untrustedKeysOf(event: Record<string, unknown>): string[] {
  return Object.keys(event)
    .filter((key) => typeof event[key] === 'string' && !TRUSTED_DV_KEYS.has(key))
    .sort();
}
