import { Hono } from 'hono';
import { z } from 'zod';
import { addThreatNotes } from '../../store/threats/threat-notes.ts';
import {
  ANALYST_VERDICTS,
  INCIDENT_STATUSES,
  MITIGATION_ACTIONS,
  type MitigationAction,
  mitigateThreats,
  setAnalystVerdict,
  setIncidentStatus,
} from '../../store/threats/threat-writes.ts';
import { enumValue } from '../query-values.ts';
import { readJsonBody } from '../request-input.ts';
import { validationError } from '../sim-api-error.ts';
import type { SimDeps, SimEnv } from '../sim-env.ts';
import { ThreatActionFilter } from './threat-filter-fields.ts';

/** Notes are free text but bounded, so one request cannot grow the store without limit. */
const MAX_NOTE_LENGTH = 20_000;

const NoteBody = z.looseObject({
  data: z.looseObject({
    text: z
      .string({ error: 'text must be a string' })
      .trim()
      .min(1, 'text must not be empty')
      .max(MAX_NOTE_LENGTH, `text must be at most ${MAX_NOTE_LENGTH} characters`),
  }),
  filter: ThreatActionFilter,
});

const VerdictBody = z.looseObject({
  data: z.looseObject({ analystVerdict: enumValue('analystVerdict', ANALYST_VERDICTS) }),
  filter: ThreatActionFilter,
});

const IncidentBody = z.looseObject({
  data: z.looseObject({
    incidentStatus: enumValue('incidentStatus', INCIDENT_STATUSES),
    analystVerdict: enumValue('analystVerdict', ANALYST_VERDICTS).optional(),
  }),
  filter: ThreatActionFilter,
});

const MitigateBody = z.looseObject({
  data: z.looseObject({}).optional(),
  filter: ThreatActionFilter,
});

function isMitigationAction(value: string): value is MitigationAction {
  return (MITIGATION_ACTIONS as string[]).includes(value);
}

/** The threat writes; each one is recorded as an activity of the calling user. */
export function threatActionRoutes({ store, timing, realism }: SimDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();

  app.post('/threats/notes', async (c) => {
    const body = await readJsonBody(c, NoteBody);
    const affected = addThreatNotes(store, {
      filter: body.filter,
      text: body.data.text,
      user: c.get('user'),
    });
    return c.json({ data: { affected } });
  });

  app.post('/threats/analyst-verdict', async (c) => {
    const body = await readJsonBody(c, VerdictBody);
    const affected = setAnalystVerdict(store, {
      filter: body.filter,
      verdict: body.data.analystVerdict,
      user: c.get('user'),
    });
    return c.json({ data: { affected } });
  });

  app.post('/threats/incident', async (c) => {
    const body = await readJsonBody(c, IncidentBody);
    const affected = setIncidentStatus(store, {
      filter: body.filter,
      status: body.data.incidentStatus,
      verdict: body.data.analystVerdict,
      user: c.get('user'),
    });
    return c.json({ data: { affected } });
  });

  app.post('/threats/mitigate/:action', async (c) => {
    const action = c.req.param('action');
    if (!isMitigationAction(action)) {
      throw validationError(
        `Unknown mitigation action "${action}"; ` +
          `allowed actions are ${MITIGATION_ACTIONS.join(', ')}`,
      );
    }
    const body = await readJsonBody(c, MitigateBody);
    const affected = mitigateThreats(store, {
      filter: body.filter,
      action,
      user: c.get('user'),
      agentNetwork: { apply: !realism.ignoreAgentActions, delayMs: timing.networkChangeMs },
    });
    return c.json({ data: { affected } });
  });

  return app;
}
