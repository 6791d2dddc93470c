import type { Conversation, ToolExchange } from '../models/offline/conversation.ts';
import type { Playbook } from '../models/offline/playbook.ts';

interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string | null | { type: string; text?: string }[];
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: { function: { name: string } }[];
  stream?: boolean;
}

export interface FakeOpenAI {
  fetch: typeof globalThis.fetch;
  /** Every request body received, in order. */
  requests: ChatRequest[];
  /** Authorization headers received (to check the key went where it should). */
  authorizations: string[];
}

function text(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

function conversationOf(request: ChatRequest): Conversation {
  const exchanges: ToolExchange[] = [];
  const byId = new Map<string, ToolExchange>();
  const system: string[] = [];
  const task: string[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') system.push(text(message.content));
    if (message.role === 'user') task.push(text(message.content));
    for (const call of message.tool_calls ?? []) {
      const exchange: ToolExchange = {
        callId: call.id,
        tool: call.function.name,
        input: JSON.parse(call.function.arguments || '{}'),
        result: { kind: 'missing' },
      };
      exchanges.push(exchange);
      byId.set(call.id, exchange);
    }
    if (message.role === 'tool' && message.tool_call_id !== undefined) {
      const exchange = byId.get(message.tool_call_id);
      const body = text(message.content);
      if (exchange !== undefined) {
        try {
          exchange.result = { kind: 'json', value: JSON.parse(body) };
        } catch {
          exchange.result = { kind: 'text', value: body };
        }
      }
    }
  }
  return {
    system: system.join('\n'),
    task: task.join('\n'),
    exchanges,
    tools: (request.tools ?? []).map((tool) => tool.function.name),
  };
}

function sse(chunks: unknown[]): Response {
  const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('');
  const body = `${events}data: [DONE]\n\n`;
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

/**
 * A stand-in for the OpenAI chat-completions API, answered by playbooks: each request is
 * read back into a conversation (messages, tool calls, tool results as the SDK sent them)
 * and the agent's playbook (picked from the tools offered) decides the reply. It proves
 * the real provider's wiring end to end with no network.
 */
export function createFakeOpenAI({
  playbookFor,
}: {
  /** The playbook for a request, from the names of the tools it offers. */
  playbookFor: (tools: readonly string[]) => Playbook;
}): FakeOpenAI {
  const requests: ChatRequest[] = [];
  const authorizations: string[] = [];
  let calls = 0;

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/chat/completions')) return new Response('not found', { status: 404 });
    const request = JSON.parse(String(init?.body)) as ChatRequest;
    requests.push(request);
    authorizations.push(new Headers(init?.headers).get('authorization') ?? '');

    const conversation = conversationOf(request);
    const turn = playbookFor(conversation.tools)(conversation);
    calls += 1;
    const id = `chatcmpl-${calls}`;
    const usage = {
      prompt_tokens: Math.ceil(JSON.stringify(request.messages).length / 4),
      completion_tokens: 20,
      total_tokens: Math.ceil(JSON.stringify(request.messages).length / 4) + 20,
    };
    const toolCall =
      turn.kind === 'call'
        ? {
            id: `call_${calls}`,
            type: 'function',
            function: { name: turn.tool, arguments: JSON.stringify(turn.input) },
          }
        : undefined;
    const finish = toolCall === undefined ? 'stop' : 'tool_calls';

    if (request.stream === true) {
      const delta =
        toolCall === undefined
          ? { role: 'assistant', content: turn.kind === 'answer' ? turn.text : '' }
          : { role: 'assistant', tool_calls: [{ index: 0, ...toolCall }] };
      return sse([
        {
          id,
          object: 'chat.completion.chunk',
          created: 0,
          model: request.model,
          choices: [{ index: 0, delta, finish_reason: null }],
        },
        {
          id,
          object: 'chat.completion.chunk',
          created: 0,
          model: request.model,
          choices: [{ index: 0, delta: {}, finish_reason: finish }],
          usage,
        },
      ]);
    }

    return new Response(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: turn.kind === 'answer' ? turn.text : null,
              ...(toolCall === undefined ? {} : { tool_calls: [toolCall] }),
            },
            finish_reason: finish,
          },
        ],
        usage,
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  };

  return { fetch, requests, authorizations };
}
