import { EVENT_TYPES } from '../../tools/s1ql/event-types.ts';
import { FIELDS } from '../../tools/s1ql/fields.ts';
import { checkQueryText } from '../query/checked-query.ts';
import { extractTimeRange } from './extract-time-range.ts';
import { detectIntent } from './hunt-intent.ts';
import type { HuntModel, HuntModelMessage } from './hunt-model.ts';
import { type HuntTranslation, type HuntTranslator, timeRangeRefusal } from './hunt-translation.ts';

const DEFAULT_MAX_REPAIRS = 3;
const REFUSAL = /^\s*REFUSE:\s*(.+)$/is;

function catalogue(): string {
  return FIELDS.map((field) => {
    const values = field.enumValues === undefined ? '' : ` one of ${field.enumValues.join(' | ')}`;
    return `- ${field.v1} (${field.type}${values})`;
  }).join('\n');
}

/** The model's standing instructions: the language, the fields, and how to answer. */
export function huntSystemPrompt(): string {
  return [
    "You translate a threat hunter's question into one SentinelOne Deep Visibility query in",
    'S1QL 1.0. Answer with the query alone on one line, no prose, no code fence. If the',
    'question cannot be answered with a query (it asks to change something, or names nothing',
    'to search for), answer "REFUSE: <why, and how to ask instead>".',
    '',
    'Rules: every value is in double quotes, numbers too (DstPort = "445"); backslashes in',
    'paths are written once ("C:\\Windows\\Temp"); enum fields take only = or In; text',
    'fields take =, In, In Anycase, ContainsCIS, StartsWithCIS, EndsWithCIS, RegExp and',
    'In Contains Anycase (...); use NOT, AND, OR and parentheses. Process names are',
    'matched with In Anycase. In a Process Creation event the started process is Tgt* and',
    'its parent is Src*; in every other event the acting process is Src*. Do not put the',
    'time range in the query: it is applied separately.',
    '',
    `EventType values: ${Object.keys(EVENT_TYPES).join(', ')}.`,
    '',
    'Fields:',
    catalogue(),
  ].join('\n');
}

function queryOf(answer: string): string {
  const fenced = /```(?:s1ql|sql)?\s*([\s\S]*?)```/i.exec(answer);
  const text = (fenced?.[1] ?? answer).trim();
  return text.replace(/^(?:s1ql|query)\s*:\s*/i, '').trim();
}

/**
 * The model-backed translator: the model writes the query, the engine checks it, and a
 * query that fails goes back with the engine's error (line, column, what was expected) for
 * at most `maxRepairs` more tries. What comes back is checked like any query; the time
 * range is read from the question by the same rules as offline.
 */
export function createModelTranslator({
  model,
  maxRepairs = DEFAULT_MAX_REPAIRS,
}: {
  model: HuntModel;
  maxRepairs?: number;
}): HuntTranslator {
  const system = huntSystemPrompt();

  return {
    id: model.id,
    async translate({ text, now, signal }) {
      // A window no hunt may search is refused before the model is asked anything.
      const time = extractTimeRange(text, now);
      if (time?.kind === 'refused') return { ...timeRangeRefusal(time.reason), repairs: 0 };

      const messages: HuntModelMessage[] = [{ role: 'user', content: text }];
      let lastError = '';

      for (let attempt = 0; attempt <= maxRepairs; attempt += 1) {
        const answer = await model.complete({ system, messages, signal });
        const refusal = REFUSAL.exec(answer);
        if (refusal !== null) {
          return {
            kind: 'refusal',
            reason: (refusal[1] ?? '').trim().slice(0, 500),
            suggestions: [],
            repairs: attempt,
          };
        }

        const candidate = queryOf(answer);
        const checked = checkQueryText(candidate);
        if (checked.ok) {
          const translation: HuntTranslation = {
            kind: 'query',
            checked: checked.checked,
            intent: detectIntent(text),
            ...(time === undefined ? {} : { window: time.window }),
            notes: [],
            repairs: attempt,
          };
          return translation;
        }

        const { message, expected } = checked.error;
        lastError = message;
        const hint = expected === undefined ? '' : ` Expected one of: ${expected.join(', ')}.`;
        messages.push(
          { role: 'assistant', content: answer },
          {
            role: 'user',
            content:
              `That query is not valid S1QL 1.0: ${message}.${hint} ` +
              'Answer with the corrected query only.',
          },
        );
      }

      return {
        kind: 'refusal',
        reason:
          `the model gave no valid query after ${maxRepairs} repair(s); ` +
          `the last problem was ${lastError}`,
        suggestions: ['rephrase the question, or ask the offline translator (--model offline)'],
        repairs: maxRepairs,
      };
    },
  };
}
