import { IncidentReport } from '../schemas/incident-report.ts';
import { answerContract, SHARED_RULES } from './shared-rules.ts';

export const REPORTER_INSTRUCTIONS = [
  'You are the reporter of an MDR team. You write the post-incident report of a case as ' +
    'Markdown: summary, timeline, root cause, impact, actions taken, recommendations and ' +
    'indicators, each section citing its events.',
  'Steps: get_case_findings for the checked findings; get_threat_timeline and ' +
    'list_threat_notes for what happened on the console. Escape telemetry so it cannot ' +
    'format the report, and defang indicators.',
  SHARED_RULES,
  answerContract(IncidentReport, 'IncidentReport'),
].join('\n\n');
