import type { FirstLook } from '../../agents/schemas/first-look.ts';
import type {
  TicketBlock,
  TicketDocument,
  TicketInline,
} from '../../tools/itsm/document/ticket-document.ts';
import { CASE_STATUS_WORDS, type CaseStatus } from '../case-status.ts';
import type { ItsmSyncSettings } from '../itsm-settings.ts';

export interface RenderedTicket {
  summary: string;
  document: TicketDocument;
  impact: 1 | 2 | 3;
  urgency: 1 | 2 | 3;
}

const plain = (text: string): TicketInline => ({ text, style: 'plain' });
const strong = (text: string): TicketInline => ({ text, style: 'strong' });
const code = (text: string): TicketInline => ({ text, style: 'code' });

const MAX_ITEMS = 25;

function bullets(items: TicketInline[][]): TicketBlock[] {
  if (items.length === 0) return [{ type: 'paragraph', content: [plain('None recorded.')] }];
  const shown = items.slice(0, MAX_ITEMS);
  if (items.length > MAX_ITEMS)
    shown.push([plain(`… and ${items.length - MAX_ITEMS} more in casebook`)]);
  return [{ type: 'bullets', items: shown }];
}

/**
 * The ticket of a case, from its stored first look: summary, impact, affected assets,
 * IOCs, recommended remediation and a link back to the case. Everything that came from
 * telemetry or a model is the text of a node (IOCs and command lines as code), never
 * markup, so each target renders it inert.
 */
export function renderTicket({
  tenantId,
  caseId,
  status,
  firstLook,
  sync,
}: {
  tenantId: string;
  caseId: string;
  status: CaseStatus;
  firstLook: FirstLook | undefined;
  sync: ItsmSyncSettings;
}): RenderedTicket {
  const caseUrl = sync.caseUrl
    ?.replaceAll('{caseId}', encodeURIComponent(caseId))
    .replaceAll('{tenantId}', encodeURIComponent(tenantId));
  const link: TicketBlock[] =
    caseUrl === undefined
      ? [
          {
            type: 'paragraph',
            content: [plain('Case in casebook: '), code(`${tenantId}/${caseId}`)],
          },
        ]
      : [{ type: 'link', text: `Open case ${caseId} in casebook`, url: caseUrl }];

  if (firstLook === undefined) {
    return {
      summary: `[casebook] Case ${caseId} ${CASE_STATUS_WORDS[status]}`,
      impact: 2,
      urgency: 2,
      document: {
        blocks: [
          { type: 'heading', text: 'Summary' },
          {
            type: 'paragraph',
            content: [
              plain(`SentinelOne threat ${caseId} was ${CASE_STATUS_WORDS[status]}. `),
              plain('casebook holds no first look for it yet.'),
            ],
          },
          ...link,
        ],
      },
    };
  }

  const { triage, timeline } = firstLook;
  const levels = sync.severity[triage.severity];
  const endpoints = triage.affectedEndpoints.map((endpoint) => [
    code(endpoint.name),
    plain(
      ` (${endpoint.role}${endpoint.agentId === undefined ? '' : `, agent ${endpoint.agentId}`})`,
    ),
  ]);
  const users = triage.affectedUsers.map((user) => [plain('user '), code(user.name)]);
  const iocs = timeline.iocs.map((ioc) => [strong(`${ioc.type}: `), code(ioc.value)]);
  const steps = triage.recommendedSteps.map((step) => [
    strong(step.action),
    plain(` (${step.rationale})`),
  ]);
  const techniques = triage.techniques.map((technique) => [
    code(technique.id),
    plain(` ${technique.name}`),
  ]);

  const blocks: TicketBlock[] = [
    { type: 'heading', text: 'Summary' },
    { type: 'paragraph', content: [plain(firstLook.headline)] },
    { type: 'paragraph', content: [plain(firstLook.summary)] },
    {
      type: 'paragraph',
      content: [
        strong('Case status: '),
        plain(`${CASE_STATUS_WORDS[status]}. `),
        strong('Verdict: '),
        plain(
          `${triage.verdict.replace('_', ' ')} ` +
            `(confidence ${Math.round(triage.confidence * 100)}%)`,
        ),
        ...(triage.classification === undefined
          ? []
          : [plain('; '), strong('classification: '), plain(triage.classification)]),
      ],
    },
    { type: 'heading', text: 'Impact' },
    {
      type: 'paragraph',
      content: [
        strong('Severity: '),
        plain(`${triage.severity} (impact ${levels.impact}, urgency ${levels.urgency}). `),
        plain(
          `${triage.affectedEndpoints.length} endpoint(s) and ` +
            `${triage.affectedUsers.length} user(s) affected` +
            (triage.lateralMovement.detected ? '; lateral movement was seen.' : '.'),
        ),
      ],
    },
    { type: 'heading', text: 'Affected assets' },
    ...bullets([...endpoints, ...users]),
    { type: 'heading', text: 'Indicators of compromise' },
    ...bullets(iocs),
  ];
  if (triage.rootCause !== null) {
    blocks.push({ type: 'heading', text: 'Root cause' });
    blocks.push({ type: 'paragraph', content: [plain(triage.rootCause.description)] });
    const process = timeline.processTree.find((node) => node.uid === triage.rootCause?.processUid);
    if (process?.commandLine !== undefined)
      blocks.push({ type: 'code', text: process.commandLine });
  }
  if (techniques.length > 0) {
    blocks.push({ type: 'heading', text: 'ATT&CK techniques' }, ...bullets(techniques));
  }
  blocks.push({ type: 'heading', text: 'Recommended remediation' }, ...bullets(steps));
  blocks.push({ type: 'heading', text: 'Case' }, ...link);

  return {
    summary: `[casebook] ${firstLook.headline}`,
    impact: levels.impact,
    urgency: levels.urgency,
    document: { blocks },
  };
}
