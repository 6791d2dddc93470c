import { z } from 'zod';
import type { ThreatFilter } from '../../store/threats/threat-queries.ts';
import { ANALYST_VERDICTS, INCIDENT_STATUSES } from '../../store/threats/threat-writes.ts';
import { enumList, idList, textList, timeRangeFields, timeRangeOf } from '../query-values.ts';

const CONFIDENCE_LEVELS = ['malicious', 'suspicious', 'n/a'] as const;

/**
 * The threat filters, shared by `GET /threats` (comma-separated values) and the
 * `filter` of threat actions (arrays): each list also has its `...Nin` exclusion.
 */
export const threatFilterFields = {
  ids: idList('ids').optional(),
  idsNin: idList('idsNin').optional(),
  agentIds: idList('agentIds').optional(),
  agentIdsNin: idList('agentIdsNin').optional(),
  storylines: textList('storylines').optional(),
  storylinesNin: textList('storylinesNin').optional(),
  classifications: textList('classifications').optional(),
  classificationsNin: textList('classificationsNin').optional(),
  incidentStatuses: enumList('incidentStatuses', INCIDENT_STATUSES).optional(),
  incidentStatusesNin: enumList('incidentStatusesNin', INCIDENT_STATUSES).optional(),
  analystVerdicts: enumList('analystVerdicts', ANALYST_VERDICTS).optional(),
  analystVerdictsNin: enumList('analystVerdictsNin', ANALYST_VERDICTS).optional(),
  confidenceLevels: enumList('confidenceLevels', CONFIDENCE_LEVELS).optional(),
  confidenceLevelsNin: enumList('confidenceLevelsNin', CONFIDENCE_LEVELS).optional(),
  mitigationStatuses: textList('mitigationStatuses').optional(),
  mitigationStatusesNin: textList('mitigationStatusesNin').optional(),
  ...timeRangeFields('createdAt'),
  ...timeRangeFields('updatedAt'),
};

const ThreatFilterObject = z.object(threatFilterFields);
type ThreatFilterValues = z.infer<typeof ThreatFilterObject>;

/**
 * Keys that select threats; a bulk filter naming none of them is refused. The `...Nin`
 * exclusions only narrow a selection: on their own they would select every other threat.
 */
const SELECTING_KEYS = Object.keys(threatFilterFields).filter((key) => !key.endsWith('Nin'));

export function toThreatFilter(values: ThreatFilterValues): ThreatFilter {
  const { createdAt, updatedAt } = {
    createdAt: timeRangeOf(values, 'createdAt'),
    updatedAt: timeRangeOf(values, 'updatedAt'),
  };
  return {
    ids: values.ids,
    idsNin: values.idsNin,
    agentIds: values.agentIds,
    agentIdsNin: values.agentIdsNin,
    storylines: values.storylines,
    storylinesNin: values.storylinesNin,
    classifications: values.classifications,
    classificationsNin: values.classificationsNin,
    incidentStatuses: values.incidentStatuses,
    incidentStatusesNin: values.incidentStatusesNin,
    analystVerdicts: values.analystVerdicts,
    analystVerdictsNin: values.analystVerdictsNin,
    confidenceLevels: values.confidenceLevels,
    confidenceLevelsNin: values.confidenceLevelsNin,
    mitigationStatuses: values.mitigationStatuses,
    mitigationStatusesNin: values.mitigationStatusesNin,
    createdAt,
    updatedAt,
  };
}

/**
 * The `filter` of a bulk threat action. Scope keys (`tenant`, `siteIds`...) are accepted
 * and ignored, since the simulator has one account; a filter that selects nothing
 * explicitly, or only excludes, is a 400, so a malformed call cannot act on every threat.
 */
export const ThreatActionFilter = z
  .looseObject(threatFilterFields)
  .refine(
    (filter) => SELECTING_KEYS.some((key) => filter[key as keyof typeof filter] !== undefined),
    {
      message:
        `filter must name the threats to act on, with one of: ${SELECTING_KEYS.join(', ')}; ` +
        'exclusions such as idsNin only narrow that selection',
    },
  )
  .transform(toThreatFilter);
