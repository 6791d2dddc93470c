import type { LanguageModelV4Prompt } from '@ai-sdk/provider-v7';

import { fenceUntrustedFields } from '../../policy/index.ts';
import { untrustedStringPaths } from '../tools/untrusted-string-paths.ts';

type Message = LanguageModelV4Prompt[number];
type ToolMessage = Extract<Message, { role: 'tool' }>;
type ToolPart = ToolMessage['content'][number];

function fenceValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const result = value as { output?: unknown; untrusted?: unknown };
  if (result.output === undefined || !Array.isArray(result.untrusted)) return value;

  const paths = result.untrusted.filter((path): path is string => typeof path === 'string');
  const { untrusted: _listed, ...rest } = result;
  return { ...rest, output: fenceUntrustedFields(result.output, paths) };
}

function fenceText(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(fenceUntrustedFields(parsed, untrustedStringPaths(parsed)));
}

function fencePart(part: ToolPart): ToolPart {
  if (part.type !== 'tool-result') return part;
  const output = part.output;
  if (output.type === 'json') {
    return {
      ...part,
      output: { ...output, value: fenceValue(output.value) as typeof output.value },
    };
  }
  // A specialist's answer reaches the supervisor as JSON text; its telemetry is fenced too.
  if (output.type === 'text')
    return { ...part, output: { ...output, value: fenceText(output.value) } };
  return part;
}

/**
 * The prompt as a language model gets it: every tool result's attacker-controlled strings
 * (the paths the tool listed, or every non-id string of a specialist's answer) fenced
 * and datamarked, so telemetry reads as data whatever it says.
 */
export function fencePrompt(prompt: LanguageModelV4Prompt): LanguageModelV4Prompt {
  return prompt.map((message): Message => {
    if (message.role !== 'tool') return message;
    return { ...message, content: message.content.map(fencePart) };
  });
}
