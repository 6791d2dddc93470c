import { type ModelRegistry, OFFLINE_MODEL_ID } from '../../agents/index.ts';
import { HUNTING_AGENT_ID } from '../run/hunt-runner.ts';
import { createAiSdkHuntModel } from './hunt-model.ts';
import type { HuntTranslator } from './hunt-translation.ts';
import { createOfflineTranslator } from './translate-offline.ts';
import { createModelTranslator } from './translate-with-model.ts';

/**
 * The hunting agent's translator, from the model registry like every agent's model
 * (`model`, `agentModels.hunting`, `--model`). Offline, the hunting agent is the
 * rule-based translator; with a language model, the model writes the query and the
 * validator sends errors back for a bounded number of repairs.
 */
export function huntTranslatorFromRegistry({
  registry,
  maxRepairs,
}: {
  registry: ModelRegistry;
  maxRepairs?: number;
}): HuntTranslator {
  const resolved = registry.create(HUNTING_AGENT_ID);
  if (resolved.id === OFFLINE_MODEL_ID) return createOfflineTranslator();

  return createModelTranslator({
    model: createAiSdkHuntModel({ id: resolved.id, model: resolved.model }),
    ...(maxRepairs === undefined ? {} : { maxRepairs }),
  });
}
