import type { EvidenceLedger } from '../evidence/evidence-ledger.ts';
import { FIRST_LOOK_SCHEMA_VERSION, FirstLook } from '../schemas/first-look.ts';
import type { SupervisorSummary } from '../schemas/supervisor-summary.ts';
import type { SpecialistAnswers } from './case-run.ts';

/** The first look from the supervisor's summary and the specialists' checked answers. */
export function assembleFirstLook({
  caseId,
  models,
  summary,
  answers,
  ledger,
}: {
  caseId: string;
  models: Record<string, string>;
  summary: SupervisorSummary;
  answers: Pick<SpecialistAnswers, 'timeline' | 'triage' | 'comms'> & Partial<SpecialistAnswers>;
  ledger: EvidenceLedger;
}): FirstLook {
  return FirstLook.parse({
    schemaVersion: FIRST_LOOK_SCHEMA_VERSION,
    caseId,
    models,
    headline: summary.headline,
    summary: summary.summary,
    openQuestions: summary.openQuestions,
    triage: answers.triage,
    timeline: answers.timeline,
    notification: answers.comms,
    report: answers.reporter ?? null,
    evidence: { eventsFetched: ledger.size, endpoints: ledger.endpoints() },
  });
}
