import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../s1ql/fields.ts';
import { EvidenceEvent } from './evidence-event.ts';
import { CORE_FIELDS, EVIDENCE_PATHS, UNUSED_FIELDS } from './evidence-paths.ts';

describe('EVIDENCE_PATHS', () => {
  it('places every catalogue field or says why it is not used', () => {
    const unplaced = FIELDS.map((field) => field.v2).filter(
      (v2) => !(v2 in EVIDENCE_PATHS) && !CORE_FIELDS.includes(v2) && !UNUSED_FIELDS.includes(v2),
    );

    expect(unplaced).toEqual([]);
  });

  it('names only catalogue fields', () => {
    const catalogue = new Set(FIELDS.map((field) => field.v2));

    expect(Object.keys(EVIDENCE_PATHS).filter((v2) => !catalogue.has(v2))).toEqual([]);
  });

  it('points every field at a place the evidence contract has', () => {
    const shape = EvidenceEvent.shape;
    const missing = Object.values(EVIDENCE_PATHS).filter((path) => !hasPath(shape, path));

    expect(missing).toEqual([]);
  });
});

function hasPath(shape: Record<string, unknown>, path: string): boolean {
  let node: unknown = { shape };
  for (const key of path.split('.')) {
    const inner = unwrap(node) as { shape?: Record<string, unknown> } | undefined;
    if (inner?.shape === undefined || !(key in inner.shape)) {
      return false;
    }
    node = inner.shape[key];
  }
  return true;
}

function unwrap(schema: unknown): unknown {
  let node = schema as { unwrap?: () => unknown; shape?: unknown };
  while (node.shape === undefined && typeof node.unwrap === 'function') {
    node = node.unwrap() as typeof node;
  }
  return node;
}
