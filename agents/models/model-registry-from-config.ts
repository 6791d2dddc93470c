import type { Config } from '../../config/config-schema.ts';
import { resolveSecret } from '../../config/resolve-secret.ts';
import { createModelRegistry, type ModelRegistry } from './model-registry.ts';

/**
 * The model registry a configuration describes. `model` overrides the configured default
 * (a command-line flag). Keys are read from their secret references only when a model
 * needs one.
 */
export function modelRegistryFromConfig({
  config,
  model,
  env = process.env,
  fetch,
}: {
  config: Pick<Config, 'model' | 'agentModels' | 'modelKeys'>;
  model?: string | undefined;
  env?: Record<string, string | undefined>;
  fetch?: typeof globalThis.fetch | undefined;
}): ModelRegistry {
  const compatibleRef = config.modelKeys.openaiCompatible;
  return createModelRegistry({
    model: model ?? config.model,
    agentModels: model === undefined ? config.agentModels : {},
    keys: {
      openai: () => resolveSecret({ ref: config.modelKeys.openai, env }),
      openaiCompatible:
        compatibleRef === undefined ? undefined : () => resolveSecret({ ref: compatibleRef, env }),
    },
    fetch,
  });
}
