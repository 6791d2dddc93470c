import { z } from 'zod';

import { ItsmTenantSettings } from '../itsm/itsm-settings.ts';

const LogLevel = z.enum(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']);

/**
 * Where a secret lives, never the secret itself: `env:NAME` reads an environment
 * variable, `file:/path` reads a file. Tokens stay out of config files and the database.
 */
export const SecretRef = z
  .string()
  .regex(/^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$/, 'a secret reference such as env:S1_API_TOKEN');

export const TenantConfig = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug'),
  name: z.string().min(1),
  consoleUrl: z.url({ protocol: /^https?$/ }),
  tokenRef: SecretRef,
});
export type TenantConfig = z.infer<typeof TenantConfig>;

/**
 * Which model an agent runs on: `offline` (the built-in rule-based model, the default),
 * `openai:<model>`, or `openai-compatible:<base URL>#<model>` for Ollama, vLLM, LM Studio.
 * `agents/models/model-spec.ts` parses it in full.
 */
export const ModelSetting = z
  .string()
  .trim()
  .regex(
    /^(offline|openai:[^\s#]+|openai-compatible:https?:\/\/[^\s#]+#\S+)$/,
    'offline, openai:<model> or openai-compatible:<http(s) base URL>#<model>',
  );

export const Config = z.strictObject({
  /** SQLite file of casebook's own store; `:memory:` in tests. */
  databasePath: z.string().min(1).default('.casebook/casebook.db'),
  logLevel: LogLevel.default('warn'),
  /**
   * Root of the shared public datasets (OTRF recordings, ATT&CK list); when absent,
   * `shared/datasets` beside the checkout (see lib/datasets-root.ts).
   */
  datasetsPath: z.string().min(1).optional(),
  sentinelone: z
    .strictObject({
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
      maxRetries: z.number().int().min(0).max(10).default(4),
    })
    .prefault({}),
  tenants: z.array(TenantConfig).default([]),
  /** Each tenant's ServiceNow or Jira, keyed by tenant id; tenants without one sync nothing. */
  itsm: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a tenant id'), ItsmTenantSettings)
    .default({}),
  /** The model every agent uses unless `agentModels` names another. */
  model: ModelSetting.default('offline'),
  agentModels: z
    .strictObject({
      supervisor: ModelSetting.optional(),
      triage: ModelSetting.optional(),
      timeline: ModelSetting.optional(),
      comms: ModelSetting.optional(),
      reporter: ModelSetting.optional(),
      hunting: ModelSetting.optional(),
    })
    .prefault({}),
  /** Where model API keys live; read only when a model needs one, and never logged. */
  modelKeys: z
    .strictObject({
      openai: SecretRef.default('env:OPENAI_API_KEY'),
      openaiCompatible: SecretRef.optional(),
    })
    .prefault({}),
  /** Limits of one case run, whatever the model. */
  caseBudget: z
    .strictObject({
      maxTokens: z.number().int().min(1_000).max(10_000_000).default(400_000),
      supervisorSteps: z.number().int().min(2).max(50).default(10),
      specialistSteps: z.number().int().min(2).max(100).default(20),
    })
    .prefault({}),
  sim: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(4610),
      /** Fixed API token for the simulator; a random one is generated when absent. */
      token: z.string().min(16).optional(),
      databasePath: z.string().min(1).default(':memory:'),
    })
    .prefault({}),
  /** `casebook serve`: the HTTP API (see server/). */
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65_535).default(4600),
      /** The HMAC secret webhooks are signed with; webhooks are refused while it is unset. */
      webhookSecretRef: SecretRef.default('env:CASEBOOK_WEBHOOK_SECRET'),
      /** Case runs the queue runs at once; the rest wait in order. */
      runConcurrency: z.number().int().min(1).max(256).default(8),
      /** Larger request bodies are refused with 413 before they are read. */
      maxBodyBytes: z
        .number()
        .int()
        .min(1_024)
        .max(50 * 1024 * 1024)
        .default(1024 * 1024),
      /** A comment line on each open event stream, so proxies keep it open. */
      heartbeatMs: z.number().int().min(100).max(300_000).default(15_000),
      /** Raise a held containment action for the isolation a true-positive first look advises. */
      proposeContainment: z.boolean().default(true),
      poller: z
        .strictObject({
          enabled: z.boolean().default(false),
          intervalMs: z.number().int().min(1_000).max(86_400_000).default(60_000),
          /** How far back the first poll of a tenant looks. */
          lookbackMs: z
            .number()
            .int()
            .min(0)
            .max(10 * 365 * 86_400_000)
            .default(3_600_000),
        })
        .prefault({}),
    })
    .prefault({}),
});
export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;

/** Environment variables and the config keys they set, with how to read them. */
export const ENV_KEYS: Record<string, { key: string[]; type: 'string' | 'integer' }> = {
  CASEBOOK_DB: { key: ['databasePath'], type: 'string' },
  CASEBOOK_LOG_LEVEL: { key: ['logLevel'], type: 'string' },
  CASEBOOK_DATASETS: { key: ['datasetsPath'], type: 'string' },
  CASEBOOK_S1_TIMEOUT_MS: { key: ['sentinelone', 'timeoutMs'], type: 'integer' },
  CASEBOOK_S1_MAX_RETRIES: { key: ['sentinelone', 'maxRetries'], type: 'integer' },
  CASEBOOK_SIM_HOST: { key: ['sim', 'host'], type: 'string' },
  CASEBOOK_SIM_PORT: { key: ['sim', 'port'], type: 'integer' },
  CASEBOOK_SIM_TOKEN: { key: ['sim', 'token'], type: 'string' },
  CASEBOOK_SIM_DB: { key: ['sim', 'databasePath'], type: 'string' },
  CASEBOOK_MODEL: { key: ['model'], type: 'string' },
  CASEBOOK_SERVER_HOST: { key: ['server', 'host'], type: 'string' },
  CASEBOOK_SERVER_PORT: { key: ['server', 'port'], type: 'integer' },
  CASEBOOK_RUN_CONCURRENCY: { key: ['server', 'runConcurrency'], type: 'integer' },
};
