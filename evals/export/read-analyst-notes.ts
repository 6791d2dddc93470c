import type { GroundTruth, GroundTruthFact } from '../../sim/scenario.ts';

type Ioc = GroundTruth['iocs'][number];
type Severity = NonNullable<GroundTruth['severity']>;

/** What an analyst's notes state about a case, in the lines the exporter reads. */
export interface AnalystStatements {
  severity?: Severity;
  techniques: string[];
  iocs: Ioc[];
  affectedEndpoints: string[];
  rootCauseProcessUid?: string;
  facts: GroundTruthFact[];
  /** The notes' text, for the ground truth's `notes`. */
  text: string;
}

const SEVERITIES = new Set<string>(['critical', 'high', 'medium', 'low']);
const IOC_TYPES = new Set<string>(['sha1', 'sha256', 'md5', 'ip', 'domain', 'url', 'path']);
const TECHNIQUE = /\bT\d{4}(?:\.\d{3})?\b/g;
const LINE = /^\s*(severity|techniques?|iocs?|affected|root cause|fact)\s*:\s*(.+?)\s*$/i;

const listOf = (text: string) =>
  text
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * Reads the lines of analyst notes the exporter understands, one statement a line:
 *   Severity: high
 *   Techniques: T1059.001, T1105
 *   IOC: domain evil.example        (type, a space, the value to the end of the line)
 *   Affected: FIN-WS-042, DC-01
 *   Root cause: FA82EFD6A3E8611B    (the root process's storyline process uid)
 *   Fact: payload-download | PowerShell fetched the payload | powershell.exe, evil.example
 *   (a fact: id | what it says | key terms, each term with `|` between its spellings)
 * Other lines are kept as text only. Malformed statements are ignored, not guessed at.
 */
export function readAnalystNotes(notes: readonly string[]): AnalystStatements {
  const out: AnalystStatements = {
    techniques: [],
    iocs: [],
    affectedEndpoints: [],
    facts: [],
    text: notes.join('\n\n'),
  };
  for (const line of notes.flatMap((note) => note.split('\n'))) {
    const match = LINE.exec(line);
    const key = match?.[1]?.toLowerCase();
    const value = match?.[2] ?? '';
    if (key === 'severity' && SEVERITIES.has(value.toLowerCase())) {
      out.severity = value.toLowerCase() as Severity;
    } else if (key === 'technique' || key === 'techniques') {
      out.techniques.push(...(value.match(TECHNIQUE) ?? []));
    } else if (key === 'ioc' || key === 'iocs') {
      const [type = '', ...rest] = value.split(/\s+/);
      const ioc = rest.join(' ');
      if (IOC_TYPES.has(type.toLowerCase()) && ioc !== '') {
        out.iocs.push({ type: type.toLowerCase() as Ioc['type'], value: ioc });
      }
    } else if (key === 'affected') {
      out.affectedEndpoints.push(...listOf(value));
    } else if (key === 'root cause' && /^[0-9A-Fa-f]{16}$/.test(value)) {
      out.rootCauseProcessUid = value.toUpperCase();
    } else if (key === 'fact') {
      // The terms come last and may hold `|` alternatives of their own.
      const [id = '', text = '', ...rest] = value.split('|').map((part) => part.trim());
      const terms = rest.join('|');
      if (/^[a-z0-9-]{1,60}$/.test(id) && text !== '' && listOf(terms).length > 0) {
        out.facts.push({ id, text, terms: listOf(terms) });
      }
    }
  }
  out.techniques = [...new Set(out.techniques)];
  out.affectedEndpoints = [...new Set(out.affectedEndpoints)];
  return out;
}
