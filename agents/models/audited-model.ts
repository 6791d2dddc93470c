import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider-v7';

import type { AuditTrail } from '../../policy/index.ts';
import type { CaseRun } from '../run/case-run.ts';
import { fencePrompt } from './fence-prompt.ts';

export interface ModelBudget {
  /** Input plus output tokens all the run's model calls may use together. */
  maxTokens: number;
}

function totals(usage: LanguageModelV4Usage | undefined) {
  const inputTokens = usage?.inputTokens.total ?? 0;
  const outputTokens = usage?.outputTokens.total ?? 0;
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

/**
 * Any model, as casebook runs it: each call is audited (model id, prompt hash, token
 * usage, never the prompt), counted against the run's token budget, refused once the run
 * has failed, and, for language models, given a prompt whose telemetry is fenced.
 */
export class AuditedModel implements LanguageModelV4 {
  readonly specificationVersion = 'v4' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: LanguageModelV4['supportedUrls'];
  readonly #inner: LanguageModelV4;
  readonly #label: string;
  readonly #agentId: string;
  readonly #run: CaseRun;
  readonly #audit: AuditTrail;
  readonly #fence: boolean;
  readonly #budget: ModelBudget;

  constructor({
    inner,
    label,
    agentId,
    run,
    audit,
    fence,
    budget,
  }: {
    inner: LanguageModelV4;
    label: string;
    agentId: string;
    run: CaseRun;
    audit: AuditTrail;
    fence: boolean;
    budget: ModelBudget;
  }) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.modelId = inner.modelId;
    this.supportedUrls = inner.supportedUrls;
    this.#label = label;
    this.#agentId = agentId;
    this.#run = run;
    this.#audit = audit;
    this.#fence = fence;
    this.#budget = budget;
  }

  async doGenerate(options: LanguageModelV4CallOptions) {
    const prepared = this.#prepare(options);
    const startedAt = this.#run.clock.now();
    const result = await this.#inner.doGenerate(prepared);
    this.#record({
      prompt: prepared.prompt,
      usage: result.usage,
      finishReason: result.finishReason.unified,
      startedAt,
    });

    return result;
  }

  async doStream(options: LanguageModelV4CallOptions) {
    const prepared = this.#prepare(options);
    const startedAt = this.#run.clock.now();
    const result = await this.#inner.doStream(prepared);
    const record = (part: Extract<LanguageModelV4StreamPart, { type: 'finish' }>) =>
      this.#record({
        prompt: prepared.prompt,
        usage: part.usage,
        finishReason: part.finishReason.unified,
        startedAt,
      });

    const stream = result.stream.pipeThrough(
      new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          if (part.type === 'finish') record(part);
          controller.enqueue(part);
        },
      }),
    );
    return { ...result, stream };
  }

  #prepare(options: LanguageModelV4CallOptions): LanguageModelV4CallOptions {
    if (this.#run.failure !== undefined) {
      throw new Error(`the run has failed: ${this.#run.failure.message}`);
    }
    return this.#fence ? { ...options, prompt: fencePrompt(options.prompt) } : options;
  }

  #record({
    prompt,
    usage,
    finishReason,
    startedAt,
  }: {
    prompt: LanguageModelV4CallOptions['prompt'];
    usage: LanguageModelV4Usage | undefined;
    finishReason: string;
    startedAt: number;
  }): void {
    const counted = totals(usage);
    const run = this.#run;
    run.usage.inputTokens += counted.inputTokens;
    run.usage.outputTokens += counted.outputTokens;
    this.#audit.recordModelCall({
      tenantId: run.tenantId,
      caseId: run.caseId,
      runId: run.runId,
      agentId: this.#agentId,
      modelId: this.#label,
      prompt,
      usage: counted,
      durationMs: run.clock.now() - startedAt,
      finishReason,
    });

    const spent = run.usage.inputTokens + run.usage.outputTokens;
    if (spent > this.#budget.maxTokens) {
      run.recordStep({
        agentId: this.#agentId,
        kind: 'budget',
        name: 'tokens',
        status: 'failed',
        detail: `${spent} tokens used, the case budget is ${this.#budget.maxTokens}`,
        startedAt,
        finishedAt: run.clock.now(),
      });
      run.fail({
        stage: 'budget',
        code: 'TOKEN_BUDGET_EXCEEDED',
        fault: 'config',
        message: `the case used ${spent} tokens, over its budget of ${this.#budget.maxTokens}`,
        agentId: this.#agentId,
      });
    }
  }
}
