import type { ProcessNode } from '../lineage/process-node.ts';
import { isStorylineBoundary } from '../lineage/storylines.ts';
import type { DvEvent, MappedRecord } from '../mapping/dv-event.ts';
import type { AttackerCommand, CommandKind } from '../metadata/attacker-commands.ts';
import { matchTokens, TokenIndex, tokensOf } from './command-tokens.ts';
import { accessSuspicion, processSuspicion, type Suspicion, textSuspicion } from './suspicion.ts';

/** A rendered event with the mapping it came from. */
export interface ImportedEvent {
  event: DvEvent;
  mapped: MappedRecord;
}

export interface ThreatPlacement {
  event: DvEvent;
  mapped: MappedRecord;
  /** The process the threat is about: the created one for a process creation. */
  process: ProcessNode;
  method: 'adversary_view' | 'heuristic';
  score: number;
  command: AttackerCommand | undefined;
  suspicion: Suspicion;
  /** Other processes that ran attacker commands closely enough to be part of the attack. */
  related: ProcessNode[];
}

interface Candidate {
  imported: ImportedEvent;
  /** The process the event is evidence against. */
  process: ProcessNode;
  tokens: Set<string>;
  factor: number;
  isCreation: boolean;
  suspicion: Suspicion;
}

const KIND_FACTOR: Record<CommandKind, number> = { process: 1, script: 0.8, hint: 0.4 };
/** Script blocks hold whole stagers; only their start is compared. */
const SCRIPT_TEXT_LIMIT = 4096;
const MIN_COVERAGE = 0.6;
const MIN_MATCHED = 1;
const RELATED_COVERAGE = 0.8;
/** A related command may be short (`whoami`), but not negligible next to the best match. */
const RELATED_RANK_SHARE = 0.05;
/** The process the command names beats a wrapper (`cmd /c x.exe ...`) with the same words. */
const NAMED_PROGRAM_BONUS = 2;
const POWERSHELL = new Set(['powershell.exe', 'pwsh.exe', 'powershell_ise.exe']);
const SCRIPT_HOSTS = /^(powershell|pwsh|python\d*|cmd|wscript|cscript|mshta)\.exe$/i;

/**
 * Chooses the event the detection fires on: the one whose command line (or script)
 * best matches an attacker command, favouring long distinctive tokens, the program the
 * command names, and the more malicious-looking of equal matches. Without a usable
 * match, the most suspicious activity is taken, then activity of the program the
 * commands name, then the first process creation. A threat about a process whose
 * creation was recorded sits on that creation.
 */
export function placeThreat({
  events,
  commands,
  parentOf,
}: {
  events: readonly ImportedEvent[];
  commands: readonly AttackerCommand[];
  parentOf: (node: ProcessNode) => ProcessNode | undefined;
}): ThreatPlacement | undefined {
  const creations = new Map<string, ImportedEvent>();
  for (const imported of events) {
    const created = imported.mapped.tgt;
    if (imported.mapped.type === 'Process Creation' && created !== undefined) {
      creations.set(created.key, imported);
    }
  }
  const actorSuspicion = memoisedProcessSuspicion(parentOf);
  const candidates = events.flatMap((imported) => candidateOf(imported, actorSuspicion) ?? []);

  const placement =
    matchCommands({ candidates, commands }) ??
    mostSuspicious(events.map((imported) => heuristicCandidate(imported, actorSuspicion))) ??
    byNamedProgram({ events, commands }) ??
    firstCreation(events);
  return placement === undefined ? undefined : onCreationEvent(placement, creations);
}

function memoisedProcessSuspicion(
  parentOf: (node: ProcessNode) => ProcessNode | undefined,
): (node: ProcessNode) => Suspicion {
  const cache = new Map<string, Suspicion>();
  return (node) => {
    let suspicion = cache.get(node.key);
    if (suspicion === undefined) {
      const parent = parentOf(node);
      suspicion = processSuspicion({
        name: node.name,
        imagePath: node.imagePath,
        cmdline: node.cmdline,
        parentName: parent?.name,
        parentImagePath: parent?.imagePath,
      });
      cache.set(node.key, suspicion);
    }
    return suspicion;
  };
}

function textField(event: DvEvent, key: string): string {
  const value = event[key];
  return typeof value === 'string' ? value : '';
}

function candidateOf(
  imported: ImportedEvent,
  actorSuspicion: (node: ProcessNode) => Suspicion,
): Candidate | undefined {
  const { event, mapped } = imported;
  if (mapped.type === 'Process Creation' && mapped.tgt !== undefined) {
    const process = mapped.tgt;
    return {
      imported,
      process,
      tokens: tokensOf(`${process.cmdline ?? process.imagePath ?? ''} ${process.name ?? ''}`),
      factor: 1,
      isCreation: true,
      suspicion: actorSuspicion(process),
    };
  }

  let body: string | undefined;
  if (mapped.type === 'Command Script') {
    body = textField(event, 'cmdScript.content').slice(0, SCRIPT_TEXT_LIMIT);
  } else if (mapped.type.startsWith('Registry')) {
    body = `${textField(event, 'registry.path')} ${textField(event, 'registry.value')}`;
  } else if (mapped.type === 'File Creation') {
    body = textField(event, 'tgt.file.path');
  }
  if (body === undefined || body.trim() === '') {
    return undefined;
  }
  return {
    imported,
    process: mapped.src,
    tokens: tokensOf(body),
    factor: 0.5,
    isCreation: false,
    suspicion: combine(actorSuspicion(mapped.src), textSuspicion(body)),
  };
}

function combine(first: Suspicion, second: Suspicion): Suspicion {
  return { score: first.score + second.score, reasons: [...first.reasons, ...second.reasons] };
}

function programOf(command: string): string {
  const first = command.trim().split(/\s+/)[0] ?? '';
  const name =
    first
      .replace(/^["'.\\]+|["']+$/g, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return name.toLowerCase().replace(/\.exe$/, '');
}

function stem(node: ProcessNode): string {
  return (node.name ?? '').toLowerCase().replace(/\.exe$/, '');
}

function matchCommands({
  candidates,
  commands,
}: {
  candidates: readonly Candidate[];
  commands: readonly AttackerCommand[];
}): ThreatPlacement | undefined {
  if (commands.length === 0 || candidates.length === 0) {
    return undefined;
  }
  const index = new TokenIndex();
  for (const candidate of candidates) {
    index.add(candidate.tokens);
  }

  let best: { rank: number; candidate: Candidate; command: AttackerCommand } | undefined;
  const strongCreations: { rank: number; process: ProcessNode }[] = [];

  for (const command of commands) {
    const tokens = tokensOf(command.text);
    const program = programOf(command.text);
    let commandBest: { rank: number; candidate: Candidate; coverage: number } | undefined;

    for (const candidate of candidates) {
      const { coverage, matched } = matchTokens({
        command: tokens,
        document: candidate.tokens,
        index,
      });
      if (coverage < MIN_COVERAGE || matched < MIN_MATCHED) {
        continue;
      }
      const namesProgram =
        command.kind === 'process' && candidate.isCreation && stem(candidate.process) === program;
      const rank =
        coverage ** 2 *
        matched *
        KIND_FACTOR[command.kind] *
        candidate.factor *
        (namesProgram ? NAMED_PROGRAM_BONUS : 1) *
        (1 + 0.15 * Math.min(candidate.suspicion.score, 10));
      if (commandBest === undefined || rank > commandBest.rank) {
        commandBest = { rank, candidate, coverage };
      }
    }

    if (commandBest === undefined) {
      continue;
    }
    if (best === undefined || commandBest.rank > best.rank) {
      best = { rank: commandBest.rank, candidate: commandBest.candidate, command };
    }
    if (
      command.kind === 'process' &&
      commandBest.candidate.isCreation &&
      commandBest.coverage >= RELATED_COVERAGE
    ) {
      strongCreations.push({ rank: commandBest.rank, process: commandBest.candidate.process });
    }
  }

  if (best === undefined) {
    return undefined;
  }
  const chosen = best;
  const related = strongCreations
    .filter(
      (entry) =>
        entry.process !== chosen.candidate.process &&
        entry.rank >= RELATED_RANK_SHARE * chosen.rank &&
        !isStorylineBoundary(entry.process),
    )
    .map((entry) => entry.process);
  return {
    event: chosen.candidate.imported.event,
    mapped: chosen.candidate.imported.mapped,
    process: chosen.candidate.process,
    method: 'adversary_view',
    score: Math.round(chosen.rank * 100) / 100,
    command: chosen.command,
    suspicion: chosen.candidate.suspicion,
    related: [...new Set(related)],
  };
}

/** Any event, scored by how suspicious its actor is plus what the event itself shows. */
function heuristicCandidate(
  imported: ImportedEvent,
  actorSuspicion: (node: ProcessNode) => Suspicion,
): Candidate {
  const { mapped, event } = imported;
  const candidate = candidateOf(imported, actorSuspicion);
  if (candidate !== undefined) {
    return candidate;
  }

  let own: Suspicion = { score: 0, reasons: [] };
  if (mapped.type === 'Open Remote Process Handle' && mapped.tgt !== undefined) {
    own = accessSuspicion({
      sourceName: mapped.src.name,
      targetName: mapped.tgt.name,
      accessRights: textField(event, 'tgt.process.accessRights'),
    });
  } else if (mapped.type === 'IP Listen' && SCRIPT_HOSTS.test(mapped.src.name ?? '')) {
    own = { score: 2, reasons: [`${mapped.src.name} listens for connections`] };
  }
  return {
    imported,
    process: mapped.src,
    tokens: new Set(),
    factor: 1,
    isCreation: false,
    suspicion: combine(actorSuspicion(mapped.src), own),
  };
}

function mostSuspicious(candidates: readonly Candidate[]): ThreatPlacement | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.suspicion.score > (best?.suspicion.score ?? 0)) {
      best = candidate;
    }
  }
  return best === undefined
    ? undefined
    : heuristicPlacement({
        imported: best.imported,
        process: best.process,
        suspicion: best.suspicion,
      });
}

function heuristicPlacement({
  imported,
  process,
  suspicion,
}: {
  imported: ImportedEvent;
  process: ProcessNode;
  suspicion: Suspicion;
}): ThreatPlacement {
  return {
    event: imported.event,
    mapped: imported.mapped,
    process,
    method: 'heuristic',
    score: suspicion.score,
    command: undefined,
    suspicion,
    related: [],
  };
}

/** No match and nothing suspicious: activity of a program the commands name, if any. */
function byNamedProgram({
  events,
  commands,
}: {
  events: readonly ImportedEvent[];
  commands: readonly AttackerCommand[];
}): ThreatPlacement | undefined {
  const programs = new Set<string>();
  for (const command of commands) {
    if (command.kind === 'script' && !command.text.includes('::')) {
      for (const name of POWERSHELL) {
        programs.add(name.replace(/\.exe$/, ''));
      }
    } else if (command.kind === 'process') {
      programs.add(programOf(command.text));
    }
  }
  const actorOf = (imported: ImportedEvent) => imported.mapped.tgt ?? imported.mapped.src;
  const named = (imported: ImportedEvent) => programs.has(stem(actorOf(imported)));
  const chosen =
    events.find((imported) => imported.mapped.type === 'Process Creation' && named(imported)) ??
    events.find(named);
  return chosen === undefined
    ? undefined
    : heuristicPlacement({
        imported: chosen,
        process: actorOf(chosen),
        suspicion: { score: 0, reasons: [] },
      });
}

function firstCreation(events: readonly ImportedEvent[]): ThreatPlacement | undefined {
  const chosen =
    events.find((imported) => imported.mapped.type === 'Process Creation') ?? events[0];
  return chosen === undefined
    ? undefined
    : heuristicPlacement({
        imported: chosen,
        process: chosen.mapped.tgt ?? chosen.mapped.src,
        suspicion: { score: 0, reasons: [] },
      });
}

/** SentinelOne reports a threat on the process's creation when it saw one. */
function onCreationEvent(
  placement: ThreatPlacement,
  creations: ReadonlyMap<string, ImportedEvent>,
): ThreatPlacement {
  const creation = creations.get(placement.process.key);
  if (creation === undefined || creation.event === placement.event) {
    return placement;
  }
  return { ...placement, event: creation.event, mapped: creation.mapped };
}
