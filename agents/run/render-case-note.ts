import { AI_DRAFT_HEADER } from '../../policy/index.ts';
import type { FirstLook } from '../schemas/first-look.ts';
import { defang } from '../text/defang.ts';

/** What the console accepts in one note. */
const MAX_NOTE = 10_000;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The first look as a console case note: the AI-draft header on its own first line, then
 * the verdict, root cause, techniques, assets, indicators and recommendations, all
 * indicators defanged so the note carries no link and policy may post it as a draft.
 */
export function renderCaseNote({
  firstLook,
  runId,
}: {
  firstLook: FirstLook;
  runId: string;
}): string {
  const { triage, timeline } = firstLook;
  const domains = timeline.iocs.filter((ioc) => ioc.type === 'domain').map((ioc) => ioc.value);
  const safe = (text: string) => defang(oneLine(text), { domains });

  const endpoints = triage.affectedEndpoints
    .map((endpoint) => `${safe(endpoint.name)} (${endpoint.role})`)
    .join(', ');
  const lines = [
    AI_DRAFT_HEADER,
    safe(firstLook.headline),
    `Verdict: ${triage.verdict} (confidence ${triage.confidence}), severity ${triage.severity}`,
    triage.rootCause === null
      ? 'Root cause: not determined'
      : `Root cause: ${safe(triage.rootCause.description)}`,
    `Techniques: ${
      triage.techniques.length === 0
        ? 'none matched'
        : triage.techniques
            .slice(0, 10)
            .map((t) => `${t.id} ${t.name}`)
            .join('; ')
    }`,
    `Endpoints: ${endpoints || 'none'}`,
    `Lateral movement: ${triage.lateralMovement.detected ? 'yes' : 'no'}`,
    `Indicators: ${
      timeline.iocs
        .slice(0, 12)
        .map((ioc) => `${ioc.type} ${safe(ioc.value)}`)
        .join('; ') || 'none'
    }`,
    'Recommended (nothing was done; actions wait for approval):',
    ...triage.recommendedSteps.map((step) => `- ${safe(step.action)}`),
    `casebook run ${runId}; every claim cites event ids in casebook.`,
  ];

  const note = lines.join('\n');
  return note.length <= MAX_NOTE ? note : `${note.slice(0, MAX_NOTE - 1)}…`;
}
