import type { Severity, TriageVerdict } from '../../../../policy/index.ts';
import type { VerdictSignal } from '../../../schemas/triage-finding.ts';
import { isUserWritable, LAUNCHERS } from './process-roles.ts';
import type { TriageEvidence } from './triage-evidence.ts';

/**
 * How much a technique weighs, by its strongest tactic: stealing credentials, moving data
 * out and destroying things say more about intent than running a command does.
 */
const TACTIC_WEIGHT: Record<string, number> = {
  'Credential Access': 3,
  Exfiltration: 3,
  Impact: 3,
  'Command and Control': 2,
  Persistence: 1.5,
  'Privilege Escalation': 1.5,
  'Defense Evasion': 1.5,
  'Initial Access': 1.5,
  'Lateral Movement': 1.5,
  Collection: 1.5,
  Execution: 1,
  Discovery: 0.5,
};

/** Tactics whose techniques, matched with some confidence, make a case malicious by themselves. */
const DECISIVE_TACTICS = new Set(['Credential Access', 'Exfiltration', 'Impact']);

/**
 * Remote administration done the ordinary way: services, admin shares, WMI, RDP, remote
 * tasks. Operators and attackers both use these, so on their own they decide nothing.
 */
const DUAL_USE = new Set([
  'T1569.002',
  'T1021.001',
  'T1021.002',
  'T1021.003',
  'T1021.006',
  'T1047',
  'T1570',
  'T1072',
  'T1543.003',
]);

/** Programs that install software, and where installed software lives. */
const INSTALLERS = new Set(['msiexec.exe']);
const INSTALLED_SOFTWARE = /^[a-z]:\\program files( \(x86\))?\\[^\\]+\\/i;

const TECHNIQUE_SCORE_CAP = 8;
const SIGNAL_TECHNIQUES = 6;

export interface Assessment {
  verdict: TriageVerdict;
  confidence: number;
  severity: Severity;
  signals: VerdictSignal[];
  score: number;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function weightOf(tactics: readonly string[]): number {
  return Math.max(0, ...tactics.map((tactic) => TACTIC_WEIGHT[tactic] ?? 0.5));
}

/**
 * The verdict as a sum of named, cited signals: each technique the rules matched (weighed
 * by tactic and rule confidence), what the console said, contact with routable internet
 * addresses, programs run from user-writable folders, lateral movement; and on the benign
 * side, a case that touched only internal addresses, did nothing but remote administration
 * and installed software where installed programs live. A false positive needs that
 * benign explanation; without one a quiet case is left to a person (`needs_human`). The
 * thresholds are fixed; the signals are in the finding, so a person can check each step.
 */
export function assessVerdict(evidence: TriageEvidence): Assessment {
  const { threat, techniques, iocs, tree, lateral } = evidence;
  const signals: VerdictSignal[] = [];

  const scored = techniques.techniques
    .map((technique) => ({
      technique,
      contribution: round(weightOf(technique.tactics) * technique.confidence),
    }))
    .sort((a, b) => b.contribution - a.contribution || (a.technique.id < b.technique.id ? -1 : 1));
  const techniqueScore = Math.min(
    TECHNIQUE_SCORE_CAP,
    scored.reduce((sum, item) => sum + item.contribution, 0),
  );
  for (const { technique, contribution } of scored.slice(0, SIGNAL_TECHNIQUES)) {
    if (technique.eventIds.length === 0) continue;
    signals.push({
      id: `technique-${technique.id.toLowerCase().replace('.', '-')}`,
      description:
        `${technique.name} (${technique.id}; ${technique.tactics.join(', ')}), ` +
        `matched by ${technique.ruleIds.join(', ')} with confidence ${technique.confidence}`,
      weight: contribution,
      source: 'telemetry',
      eventIds: technique.eventIds.slice(0, 5),
    });
  }
  const shownTechniqueWeight = signals.reduce((sum, signal) => sum + signal.weight, 0);
  if (techniqueScore - shownTechniqueWeight > 0.005) {
    const rest = scored.slice(SIGNAL_TECHNIQUES).filter((item) => item.technique.eventIds.length);
    const first = rest[0];
    if (first !== undefined) {
      signals.push({
        id: 'techniques-other',
        description:
          `${rest.length} further technique(s), counted up to the cap of ` +
          `${TECHNIQUE_SCORE_CAP}`,
        weight: round(techniqueScore - shownTechniqueWeight),
        source: 'telemetry',
        eventIds: first.technique.eventIds.slice(0, 3),
      });
    }
  }

  if (threat.analystVerdict === 'false_positive') {
    signals.push({
      id: 'analyst-marked-false-positive',
      description: 'an analyst already marked this threat a false positive on the console',
      weight: -3,
      source: 'console',
      eventIds: [],
    });
  }
  signals.push(
    threat.origin === 'hunt'
      ? {
          id: 'hunter-promoted',
          description: 'a threat hunter promoted this finding to a case; no detection fired',
          weight: 0.5,
          source: 'console',
          eventIds: [],
        }
      : threat.confidenceLevel === 'malicious'
        ? {
            id: 'console-malicious',
            description: `the console rates the detection malicious (${threat.classification})`,
            weight: 1.5,
            source: 'console',
            eventIds: [],
          }
        : {
            id: 'console-suspicious',
            description:
              `the console rates the detection ${threat.confidenceLevel} ` +
              `(${threat.classification})`,
            weight: 0.5,
            source: 'console',
            eventIds: [],
          },
  );

  const routable = iocs.iocs.filter((ioc) => ioc.type === 'ip');
  if (routable.length > 0) {
    signals.push({
      id: 'routable-address',
      description: `contact with or commands naming internet-routable addresses: ${routable
        .slice(0, 3)
        .map((ioc) => ioc.value)
        .join(', ')}`,
      weight: 1.5,
      source: 'telemetry',
      eventIds: [...new Set(routable.flatMap((ioc) => ioc.eventIds))].slice(0, 5),
    });
  }

  const dropped = tree.processes.filter(
    (process) =>
      process.imagePath !== undefined &&
      isUserWritable(process.imagePath) &&
      !LAUNCHERS.has((process.name ?? '').toLowerCase()) &&
      process.createdByEventId !== undefined,
  );
  if (dropped.length > 0) {
    signals.push({
      id: 'runs-from-user-writable-folder',
      description: `programs started from user-writable folders: ${dropped
        .slice(0, 3)
        .map((process) => process.imagePath)
        .join(', ')}`,
      weight: 1.5,
      source: 'telemetry',
      eventIds: dropped.flatMap((process) => process.createdByEventId ?? []).slice(0, 5),
    });
  }

  if (lateral.detected) {
    const ids = [
      ...lateral.targets.flatMap((target) => target.eventIds),
      ...lateral.arrivals.flatMap((arrival) => arrival.eventIds),
    ];
    signals.push({
      id: 'lateral-movement',
      description: 'remote execution between endpoints',
      weight: 1,
      source: 'telemetry',
      eventIds: [...new Set(ids)].slice(0, 5),
    });
  }

  const decisive = scored.some(
    ({ technique }) =>
      technique.confidence >= 0.6 &&
      technique.tactics.some((tactic) => DECISIVE_TACTICS.has(tactic)),
  );
  const offDualUse = scored.filter(
    ({ technique }) => !DUAL_USE.has(technique.id) && technique.confidence >= 0.5,
  );
  const dualUse = scored.filter(({ technique }) => DUAL_USE.has(technique.id));
  const hasUrl = iocs.iocs.some((ioc) => ioc.type === 'url');

  if (routable.length === 0 && !hasUrl && dropped.length === 0 && !decisive) {
    const ids = iocs.iocs.flatMap((ioc) => ioc.eventIds).slice(0, 3);
    const cited = ids.length > 0 ? ids : (scored[0]?.technique.eventIds.slice(0, 3) ?? []);
    if (cited.length > 0) {
      signals.push({
        id: 'internal-only',
        description:
          'every address the case touched is private or routine infrastructure, and nothing ran ' +
          'from a user-writable folder',
        weight: -1.5,
        source: 'telemetry',
        eventIds: cited,
      });
    }
    const first = dualUse[0];
    if (offDualUse.length === 0 && first !== undefined) {
      signals.push({
        id: 'remote-administration-only',
        description:
          'the only techniques matched are ordinary remote administration ' +
          `(${dualUse.map(({ technique }) => technique.id).join(', ')})`,
        weight: -2.5,
        source: 'telemetry',
        eventIds: first.technique.eventIds.slice(0, 5),
      });
    }
  }

  // A benign explanation, not only an absence of bad signs, is what a false positive needs.
  const installs = tree.processes
    .filter((process) => INSTALLERS.has((process.name ?? '').toLowerCase()))
    .flatMap((process) => process.filesWritten)
    .filter((written) => INSTALLED_SOFTWARE.test(written.value));
  const explained = installs.length > 0 && routable.length === 0 && dropped.length === 0;
  if (explained) {
    signals.push({
      id: 'software-installation',
      description: `an installer put software where installed programs live: ${installs
        .slice(0, 3)
        .map((written) => written.value)
        .join(', ')}`,
      weight: -1,
      source: 'telemetry',
      eventIds: installs.flatMap((written) => written.eventIds).slice(0, 5),
    });
  }

  const score = round(signals.reduce((sum, signal) => sum + signal.weight, 0));
  const events = evidence.coverage.events;
  return {
    ...decide({ score, decisive, explained, events, lateral: lateral.detected, scored }),
    signals,
    score,
  };
}

function decide({
  score,
  decisive,
  explained,
  events,
  lateral,
  scored,
}: {
  score: number;
  decisive: boolean;
  explained: boolean;
  events: number;
  lateral: boolean;
  scored: { technique: { tactics: string[]; confidence: number } }[];
}): Omit<Assessment, 'signals' | 'score'> {
  if (events === 0) return { verdict: 'needs_human', confidence: 0.3, severity: 'medium' };

  if ((score >= 5 && decisive) || score >= 7) {
    const grave = scored.some(
      ({ technique }) =>
        technique.confidence >= 0.45 &&
        technique.tactics.some((tactic) => DECISIVE_TACTICS.has(tactic)),
    );
    return {
      verdict: 'true_positive',
      confidence: round(Math.min(0.97, 0.55 + score / 25)),
      severity: grave || lateral ? 'critical' : 'high',
    };
  }
  if (score >= 2.5) {
    return {
      verdict: 'suspicious',
      confidence: round(Math.min(0.7, 0.45 + score / 20)),
      severity: 'medium',
    };
  }
  if (score <= 0 && !decisive && explained) {
    return {
      verdict: 'false_positive',
      confidence: round(Math.min(0.85, 0.5 - score / 10)),
      severity: 'low',
    };
  }
  return { verdict: 'needs_human', confidence: 0.4, severity: 'medium' };
}
