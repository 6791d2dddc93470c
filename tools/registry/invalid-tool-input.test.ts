import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { invalidToolInput } from './invalid-tool-input.ts';

const Input = z.strictObject({
  agentIds: z.array(z.string().regex(/^\d+$/, 'expected digits')).min(1),
  reason: z.string().optional(),
});

describe('invalidToolInput', () => {
  it('lists each failing path and a bounded copy of the input', () => {
    const input = { agentIds: ['12', 'all'], approved: true, reason: 'x'.repeat(500) };
    const error = Input.safeParse(input).error;
    if (error === undefined) throw new Error('the input parsed');

    const result = invalidToolInput({ tool: 'disconnect_agents', error, input });

    expect(result).toEqual({
      status: 'invalid_input',
      tool: 'disconnect_agents',
      message:
        'the arguments for disconnect_agents are invalid; fix the listed paths and call it again',
      issues: [
        { path: 'agentIds[1]', message: 'expected digits' },
        { path: 'approved', message: 'not an argument of this tool' },
      ],
      input: {
        agentIds: ['12', 'all'],
        approved: true,
        reason: `${'x'.repeat(200)}… (300 more characters)`,
      },
    });
  });

  it('cuts long arrays, wide objects and deep nesting', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } };
    const input = { list: Array.from({ length: 25 }, (_, i) => i), deep };
    const error = Input.safeParse(input).error;
    if (error === undefined) throw new Error('the input parsed');

    const copy = invalidToolInput({ tool: 't', error, input }).input as Record<string, unknown>;

    expect((copy.list as unknown[]).length).toBe(21);
    expect((copy.list as unknown[])[20]).toBe('… (5 more items)');
    expect(JSON.stringify(copy.deep)).toBe('{"a":{"b":{"c":{"d":{"e":"… (nested too deep)"}}}}}');
  });

  it('names the root when the input is not an object', () => {
    const error = Input.safeParse('disconnect everything').error;
    if (error === undefined) throw new Error('the input parsed');

    expect(invalidToolInput({ tool: 't', error, input: 'disconnect everything' }).issues).toEqual([
      { path: '(root)', message: 'Invalid input: expected object, received string' },
    ]);
  });
});
