import { z } from 'zod';

import { ToolEffect } from '../../policy/tool-effect.ts';
import type { ToolCapabilities, ToolDefinition } from './define-tool.ts';
import { ToolRegistryError } from './tool-registry-error.ts';

const TOOL_NAME = /^[a-z][a-z0-9_]{1,63}$/;

/** A tool as the model is told about it: no code, no capabilities. */
export interface ToolDescription {
  name: string;
  description: string;
  effect: ToolEffect;
  inputSchema: Record<string, unknown>;
}

export interface ToolRegistry<Caps extends ToolCapabilities> {
  readonly names: readonly string[];
  get(name: string): ToolDefinition<Caps> | undefined;
  describe(): ToolDescription[];
}

/**
 * Checks a tool set once, at start-up: every tool has a model-safe unique name, a
 * description, an object input schema and a declared effect, and every write can
 * preview and verify itself. Any problem stops start-up with all problems listed.
 */
export function createToolRegistry<Caps extends ToolCapabilities>(
  tools: readonly ToolDefinition<Caps>[],
): ToolRegistry<Caps> {
  const problems = tools.flatMap((tool, index) => problemsOf(tool, index));
  const seen = new Set<string>();
  for (const tool of tools) {
    if (typeof tool?.name !== 'string') continue;
    if (seen.has(tool.name)) problems.push(`tool "${tool.name}" is registered twice`);
    seen.add(tool.name);
  }
  if (problems.length > 0) throw new ToolRegistryError(problems);

  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const descriptions = tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    effect: tool.effect,
    inputSchema: z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
  }));

  return {
    names: Object.freeze([...byName.keys()]),
    get: (name) => byName.get(name),
    describe: () => descriptions.map((description) => ({ ...description })),
  };
}

function problemsOf(tool: unknown, index: number): string[] {
  if (typeof tool !== 'object' || tool === null) return [`tools[${index}] is not a tool`];

  const spec = tool as Record<string, unknown>;
  const label = typeof spec.name === 'string' ? `tool "${spec.name}"` : `tools[${index}]`;
  const problems: string[] = [];

  if (typeof spec.name !== 'string' || !TOOL_NAME.test(spec.name)) {
    problems.push(`${label}: name must be lower snake case (${TOOL_NAME.source})`);
  }
  if (typeof spec.description !== 'string' || spec.description.trim() === '') {
    problems.push(`${label}: description is missing`);
  }
  if (!ToolEffect.safeParse(spec.effect).success) {
    problems.push(`${label}: effect must be declared as one of ${ToolEffect.options.join(', ')}`);
  }
  if (!(spec.input instanceof z.ZodObject)) {
    problems.push(`${label}: input must be a zod object schema`);
  }
  if (!(spec.output instanceof z.ZodType)) {
    problems.push(`${label}: output must be a zod schema`);
  }
  if (typeof spec.execute !== 'function') problems.push(`${label}: execute is missing`);

  if (spec.effect === 'write' || spec.effect === 'containment') {
    if (typeof spec.preview !== 'function') {
      problems.push(`${label}: a ${spec.effect} tool needs preview (its blast radius)`);
    }
    if (typeof spec.verify !== 'function') {
      problems.push(`${label}: a ${spec.effect} tool needs verify (proof the effect happened)`);
    }
  }

  return problems;
}
