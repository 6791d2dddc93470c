import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider-v7';

import { estimateTokens } from '../../../tools/analysis/index.ts';
import type { AgentId } from '../../agent-id.ts';
import { readConversation } from './conversation.ts';
import { cannotContinue, type Playbook } from './playbook.ts';
import { commsPlaybook } from './playbooks/comms-playbook.ts';
import { reporterPlaybook } from './playbooks/reporter-playbook.ts';
import { supervisorPlaybook } from './playbooks/supervisor-playbook.ts';
import { timelinePlaybook } from './playbooks/timeline-playbook.ts';
import { triagePlaybook } from './playbooks/triage-playbook.ts';

export const OFFLINE_MODEL_ID = 'offline';

const PLAYBOOKS: Record<AgentId, Playbook> = {
  supervisor: supervisorPlaybook,
  triage: triagePlaybook,
  timeline: timelinePlaybook,
  comms: commsPlaybook,
  reporter: reporterPlaybook,
  // Offline, hunting is the rule-based translator (hunting/translate), not a conversation.
  hunting: () => cannotContinue('the offline hunting agent is the rule-based S1QL translator'),
};

function usageOf(options: LanguageModelV4CallOptions, output: string): LanguageModelV4Usage {
  const input = estimateTokens(JSON.stringify(options.prompt));
  const produced = estimateTokens(output);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: produced, text: produced, reasoning: 0 },
  };
}

/**
 * The built-in model: a rule-based baseline, not a language model. It implements the AI
 * SDK model interface Mastra runs, so it goes through the same agents, tools and policy
 * gate as a real model, but each turn comes from the agent's playbook reading the
 * conversation: the next tool call, or the final answer written from the tool results
 * with casebook's deterministic analysis. No network, and the same conversation always
 * gets the same turn, byte for byte.
 */
export class OfflineModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider = 'casebook';
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls = {};
  readonly #agentId: AgentId;
  readonly #playbook: Playbook;

  constructor({ agentId, playbook }: { agentId: AgentId; playbook?: Playbook }) {
    this.#agentId = agentId;
    this.#playbook = playbook ?? PLAYBOOKS[agentId];
  }

  async doGenerate(options: LanguageModelV4CallOptions) {
    const conversation = readConversation(options);
    const turn = this.#playbook(conversation);

    if (turn.kind === 'call') {
      const input = JSON.stringify(turn.input);
      const content: LanguageModelV4Content[] = [
        {
          type: 'tool-call',
          toolCallId: `${this.#agentId}-${conversation.exchanges.length + 1}`,
          toolName: turn.tool,
          input,
        },
      ];
      return {
        content,
        finishReason: { unified: 'tool-calls' as const, raw: 'tool-calls' },
        usage: usageOf(options, input),
        warnings: [],
      };
    }

    return {
      content: [{ type: 'text' as const, text: turn.text }],
      finishReason: { unified: 'stop' as const, raw: 'stop' },
      usage: usageOf(options, turn.text),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const result = await this.doGenerate(options);
    const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    for (const part of result.content) {
      if (part.type === 'text') {
        parts.push(
          { type: 'text-start', id: 'text-1' },
          { type: 'text-delta', id: 'text-1', delta: part.text },
          { type: 'text-end', id: 'text-1' },
        );
      } else if (part.type === 'tool-call') {
        parts.push(
          { type: 'tool-input-start', id: part.toolCallId, toolName: part.toolName },
          { type: 'tool-input-delta', id: part.toolCallId, delta: part.input },
          { type: 'tool-input-end', id: part.toolCallId },
          part,
        );
      }
    }
    parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage });

    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  }
}

export function createOfflineModel(agentId: AgentId): OfflineModel {
  return new OfflineModel({ agentId });
}
