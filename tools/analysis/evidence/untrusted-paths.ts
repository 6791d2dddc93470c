import { FIELDS } from '../../s1ql/fields.ts';
import { EVIDENCE_PATHS } from './evidence-paths.ts';

/** Every evidence path whose catalogue field is attacker-controlled. */
export const UNTRUSTED_PATHS: readonly string[] = FIELDS.flatMap((field) => {
  const path = EVIDENCE_PATHS[field.v2];
  return field.untrusted && path !== undefined ? [path] : [];
});

/** The untrusted paths that hold a value in this event, as `EvidenceEvent.untrusted` lists them. */
export function untrustedPathsOf(event: {
  endpoint: object;
  process: object;
  target: object;
}): string[] {
  return UNTRUSTED_PATHS.filter((path) => valueAt(event, path) !== undefined);
}

function valueAt(root: object, path: string): unknown {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
