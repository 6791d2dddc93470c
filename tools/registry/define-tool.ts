import type { z } from 'zod';

import type { Clock } from '../../lib/clock.ts';
import type { BlastRadiusInput } from './blast-radius.ts';
import type { Verification } from './verification.ts';

/**
 * What a tool may act through: `reads` (clients narrowed to their read methods) and
 * `writes` (the clients' write methods). The gate holds these and hands them to a tool
 * only when it runs it, so a tool definition on its own can change nothing.
 */
export interface ToolCapabilities {
  reads: object;
  writes: object;
}

export interface ReadContext<Caps extends ToolCapabilities> {
  reads: Caps['reads'];
  signal: AbortSignal | undefined;
}

export interface WriteContext<Caps extends ToolCapabilities> extends ReadContext<Caps> {
  writes: Caps['writes'];
}

export interface VerifyContext<Caps extends ToolCapabilities, Input, Output>
  extends ReadContext<Caps> {
  input: Input;
  output: Output;
  clock: Clock;
  /** When the execution started, on the same clock: effects older than this are not it. */
  startedAt: number;
  /** How long a check may poll for an effect that takes time (an isolation). */
  timeoutMs: number;
  pollMs: number;
}

interface ToolBase<InputSchema extends z.ZodType, OutputSchema extends z.ZodType> {
  /** The key the model sees: lower snake case, unique in the registry. */
  name: string;
  /** What the tool does, written for the model. */
  description: string;
  /** Arguments; an object schema, strict so a model cannot smuggle extra flags. */
  input: InputSchema;
  output: OutputSchema;
  /** JSON paths of attacker-controlled strings in an output, such as `events[0].fields.x`. */
  untrusted?(output: z.output<OutputSchema>): string[];
}

export interface ReadTool<
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType,
  Caps extends ToolCapabilities,
> extends ToolBase<InputSchema, OutputSchema> {
  effect: 'read';
  execute(input: z.output<InputSchema>, context: ReadContext<Caps>): Promise<z.input<OutputSchema>>;
}

export interface WriteTool<
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType,
  Caps extends ToolCapabilities,
> extends ToolBase<InputSchema, OutputSchema> {
  effect: 'write' | 'containment';
  execute(
    input: z.output<InputSchema>,
    context: WriteContext<Caps>,
  ): Promise<z.input<OutputSchema>>;
  /** The blast radius, from reads only; runs before policy decides. */
  preview(input: z.output<InputSchema>, context: ReadContext<Caps>): Promise<BlastRadiusInput>;
  /** Checks the effect happened, from reads only; runs after every execution. */
  verify(
    context: VerifyContext<Caps, z.output<InputSchema>, z.output<OutputSchema>>,
  ): Promise<Verification>;
  /** The text of the case note this call would post, for tools that post notes. */
  noteText?(input: z.output<InputSchema>): string | null;
}

export type AnyReadTool<Caps extends ToolCapabilities> = ReadTool<z.ZodType, z.ZodType, Caps>;
export type AnyWriteTool<Caps extends ToolCapabilities> = WriteTool<z.ZodType, z.ZodType, Caps>;
export type ToolDefinition<Caps extends ToolCapabilities> = AnyReadTool<Caps> | AnyWriteTool<Caps>;

/**
 * Declares a tool once. The types insist that every write says how to preview and
 * verify itself; `createToolRegistry` checks the same at run time for tools that reach
 * it untyped.
 */
export function defineTool<
  InputSchema extends z.ZodType,
  OutputSchema extends z.ZodType,
  Caps extends ToolCapabilities,
>(
  spec: ReadTool<InputSchema, OutputSchema, Caps> | WriteTool<InputSchema, OutputSchema, Caps>,
): ToolDefinition<Caps> {
  return Object.freeze(spec) as ToolDefinition<Caps>;
}

/**
 * `defineTool` with the capabilities fixed, so a family of tools gets its context
 * typed without annotations: `const defineS1Tool = toolFactory<S1Capabilities>()`.
 */
export function toolFactory<Caps extends ToolCapabilities>() {
  return <InputSchema extends z.ZodType, OutputSchema extends z.ZodType>(
    spec: ReadTool<InputSchema, OutputSchema, Caps> | WriteTool<InputSchema, OutputSchema, Caps>,
  ): ToolDefinition<Caps> => defineTool(spec);
}
