import type { LanguageModelV4CallOptions } from '@ai-sdk/provider-v7';

/** One tool call the model made and what came back, as the prompt shows it. */
export interface ToolExchange {
  callId: string;
  tool: string;
  input: unknown;
  /** `json` and `text` results carry a value; `error` a message; `missing` nothing yet. */
  result:
    | { kind: 'json'; value: unknown }
    | { kind: 'text'; value: string }
    | { kind: 'error'; value: string }
    | { kind: 'missing' };
}

/** The prompt of one model call, read as data: instructions, the task, tool exchanges. */
export interface Conversation {
  system: string;
  /** Every user message's text, joined. */
  task: string;
  exchanges: ToolExchange[];
  /** Names of the tools offered on this call. */
  tools: string[];
}

function parsedInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

export function readConversation(options: LanguageModelV4CallOptions): Conversation {
  const system: string[] = [];
  const task: string[] = [];
  const exchanges: ToolExchange[] = [];
  const byId = new Map<string, ToolExchange>();

  for (const message of options.prompt) {
    if (message.role === 'system') {
      system.push(message.content);
      continue;
    }
    if (message.role === 'user') {
      for (const part of message.content) if (part.type === 'text') task.push(part.text);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'tool-call') {
        const exchange: ToolExchange = {
          callId: part.toolCallId,
          tool: part.toolName,
          input: parsedInput(part.input),
          result: { kind: 'missing' },
        };
        exchanges.push(exchange);
        byId.set(part.toolCallId, exchange);
      }
      if (part.type === 'tool-result') {
        const exchange = byId.get(part.toolCallId);
        if (exchange === undefined) continue;
        const output = part.output;
        exchange.result =
          output.type === 'json'
            ? { kind: 'json', value: output.value }
            : output.type === 'text'
              ? { kind: 'text', value: output.value }
              : output.type === 'error-text'
                ? { kind: 'error', value: output.value }
                : output.type === 'error-json'
                  ? { kind: 'error', value: JSON.stringify(output.value) }
                  : output.type === 'execution-denied'
                    ? { kind: 'error', value: output.reason ?? 'the call was declined' }
                    : { kind: 'error', value: `an answer of type ${output.type}` };
      }
    }
  }

  return {
    system: system.join('\n'),
    task: task.join('\n'),
    exchanges,
    tools: (options.tools ?? []).map((tool) => tool.name),
  };
}

/** The output of the latest successful call of a tool, or undefined. */
export function outputOf<T = unknown>(conversation: Conversation, tool: string): T | undefined {
  for (let i = conversation.exchanges.length - 1; i >= 0; i -= 1) {
    const exchange = conversation.exchanges[i];
    if (exchange?.tool !== tool || exchange.result.kind !== 'json') continue;
    const value = exchange.result.value as { status?: unknown; output?: unknown };
    if (value.status === 'ok') return value.output as T;
  }
  return undefined;
}

/** How many times a tool was called, whatever came back. */
export function callsOf(conversation: Conversation, tool: string): ToolExchange[] {
  return conversation.exchanges.filter((exchange) => exchange.tool === tool);
}

/**
 * The first exchange that went wrong in a way no playbook can work around: the tool
 * failed, was unknown, or the framework returned an error.
 */
export function blockingProblem(conversation: Conversation): string | undefined {
  for (const exchange of conversation.exchanges) {
    const result = exchange.result;
    if (result.kind === 'error') return `${exchange.tool}: ${result.value}`;
    if (result.kind !== 'json') continue;
    const value = result.value as { status?: unknown; message?: unknown };
    const status = typeof value.status === 'string' ? value.status : 'ok';
    if (status === 'failed' || status === 'unknown_tool' || status === 'invalid_input') {
      return `${exchange.tool}: ${typeof value.message === 'string' ? value.message : status}`;
    }
  }
  return undefined;
}

/**
 * The case id from the task: a threat id (`threat 1234…`), or a promoted hunt's case id
 * (`promoted hunt hunt-…`); see `caseLabel`.
 */
export function caseIdOf(conversation: Conversation): string | undefined {
  return (
    /\bthreat\s+(\d{1,20})\b/i.exec(conversation.task)?.[1] ??
    /\bpromoted hunt\s+(hunt-[A-Za-z0-9][A-Za-z0-9-]{0,120})/i.exec(conversation.task)?.[1]
  );
}
