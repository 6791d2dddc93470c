import { checkTree } from '../query/checked-query.ts';
import { composeQuery } from './compose-query.ts';
import { extractEntities } from './extract-entities.ts';
import { extractTimeRange } from './extract-time-range.ts';
import { detectIntent, INTENTS } from './hunt-intent.ts';
import {
  ASKING_TIPS,
  type HuntRefusal,
  type HuntTranslation,
  type HuntTranslator,
  type TranslateRequest,
  timeRangeRefusal,
} from './hunt-translation.ts';

const ACTIONS = new RegExp(
  [
    '^\\s*(?:please\\s+)?(?:isolate|quarantine|kill|terminate|block' +
      '|remediate|disconnect|contain|delete|remove|uninstall|close|' +
      'resolve|approve|deny|mark|rollback|restart)\\b',
    '\\b(?:isolate|quarantine)\\s+(?:the\\s+|every\\s+|all\\s+)?(?:hosts?|endpoints?|machines?)\\b',
  ].join('|'),
  'i',
);
const VAGUE =
  /\b(?:suspicious|weird|malicious|bad|anomal\w*|strange|unusual|evil|odd|interesting|abnormal)\b/i;

/**
 * The offline translator: deterministic rules from words to S1QL over the field catalogue,
 * no model and no network. It reads the time range, the activity and the entities, builds
 * the tree and checks it with the engine before answering; what it cannot read it refuses,
 * saying why and how to ask.
 */
export function translateOffline({ text, now }: TranslateRequest): HuntTranslation {
  const question = text.trim();
  if (question === '') return refuse('the question is empty');
  if (ACTIONS.test(question)) {
    return refuse(
      'hunting only reads telemetry; containment and case changes go through casebook ' +
        'actions and their approvals',
      ['ask what happened instead, e.g. "network connections from FIN-WS-042 today"'],
    );
  }

  const time = extractTimeRange(question, now);
  if (time?.kind === 'refused') return timeRangeRefusal(time.reason);
  const rest = time === undefined ? question : question.replace(time.matched, ' ');
  const intent = detectIntent(rest);
  const entities = extractEntities(rest);
  const composed = composeQuery(intent, entities);

  if (composed.intent === 'any' && composed.conditions === 0) {
    return refuse('the question names no activity and nothing to look for');
  }
  if (composed.conditions === 0 && VAGUE.test(rest)) {
    const word = VAGUE.exec(rest)?.[0] ?? 'suspicious';
    return refuse(
      `"${word}" is a judgement the telemetry does not carry; say what would make ` +
        `${INTENTS[composed.intent].noun} ${word}`,
    );
  }

  const checked = checkTree(composed.root);
  if (!checked.ok) {
    return refuse(`the query built from the question did not validate: ${checked.error.message}`);
  }

  return {
    kind: 'query',
    checked: checked.checked,
    intent: composed.intent,
    ...(time === undefined ? {} : { window: time.window }),
    notes: composed.notes,
    repairs: 0,
  };
}

function refuse(reason: string, suggestions: readonly string[] = ASKING_TIPS): HuntRefusal {
  return { kind: 'refusal', reason, suggestions };
}

export function createOfflineTranslator(): HuntTranslator {
  return { id: 'offline', translate: async (request) => translateOffline(request) };
}
