import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { defineTool, type ToolDefinition } from './define-tool.ts';
import { createToolRegistry } from './tool-registry.ts';
import { ToolRegistryError } from './tool-registry-error.ts';

type Caps = { reads: object; writes: object };

const read = defineTool({
  name: 'get_thing',
  description: 'Gets a thing.',
  effect: 'read',
  input: z.strictObject({ id: z.string().describe('the id') }),
  output: z.strictObject({ id: z.string() }),
  execute: async ({ id }) => ({ id }),
});

const write = defineTool({
  name: 'set_thing',
  description: 'Sets a thing.',
  effect: 'write',
  input: z.strictObject({ id: z.string() }),
  output: z.strictObject({ affected: z.number() }),
  preview: async () => ({ summary: 'one thing' }),
  execute: async () => ({ affected: 1 }),
  verify: async () => ({ verified: true, detail: 'set' }),
});

function problemsOf(tools: unknown[]): string[] {
  try {
    createToolRegistry(tools as ToolDefinition<Caps>[]);
  } catch (error) {
    expect(error).toBeInstanceOf(ToolRegistryError);
    expect((error as ToolRegistryError).fault).toBe('config');
    return (error as ToolRegistryError).problems;
  }
  throw new Error('the registry was created');
}

describe('createToolRegistry', () => {
  it('serves tools by the name the model sees, with their input schema', () => {
    const registry = createToolRegistry<Caps>([read, write]);

    expect(registry.names).toEqual(['get_thing', 'set_thing']);
    expect(registry.get('set_thing')).toBe(write);
    expect(registry.get('nothing')).toBeUndefined();
    expect(registry.describe()[0]).toEqual({
      name: 'get_thing',
      description: 'Gets a thing.',
      effect: 'read',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { id: { type: 'string', description: 'the id' } },
        required: ['id'],
        additionalProperties: false,
      },
    });
  });

  it('refuses a tool without a declared effect', () => {
    const { effect: _effect, ...undeclared } = read;

    expect(problemsOf([undeclared])).toEqual([
      'tool "get_thing": effect must be declared as one of read, write, containment',
    ]);
  });

  it('refuses a write that cannot preview or verify itself', () => {
    const {
      preview: _preview,
      verify: _verify,
      ...bare
    } = write as typeof write & {
      preview: unknown;
      verify: unknown;
    };

    expect(problemsOf([{ ...bare, effect: 'containment' }])).toEqual([
      'tool "set_thing": a containment tool needs preview (its blast radius)',
      'tool "set_thing": a containment tool needs verify (proof the effect happened)',
    ]);
  });

  it('refuses duplicate names, bad names and non-object inputs, all at once', () => {
    expect(
      problemsOf([
        read,
        read,
        { ...write, name: 'Set Thing', input: z.string(), description: ' ' },
      ]),
    ).toEqual([
      'tool "Set Thing": name must be lower snake case (^[a-z][a-z0-9_]{1,63}$)',
      'tool "Set Thing": description is missing',
      'tool "Set Thing": input must be a zod object schema',
      'tool "get_thing" is registered twice',
    ]);
  });

  it('refuses something that is not a tool at all', () => {
    expect(problemsOf([null])).toEqual(['tools[0] is not a tool']);
  });
});
