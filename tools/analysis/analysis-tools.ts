import type { z } from 'zod';
import { mapTechniques } from './attack/map-techniques.ts';
import { MapTechniquesInput, TechniqueMapping } from './attack/technique-mapping.ts';
import { extractIocs } from './iocs/extract-iocs.ts';
import { ExtractIocsInput, IocReport } from './iocs/ioc.ts';
import { EvidencePack, PackEvidenceInput } from './packing/evidence-pack.ts';
import { packEvidence } from './packing/pack-evidence.ts';
import { buildProcessTree } from './process-tree/build-process-tree.ts';
import { BuildProcessTreeInput, ProcessTree } from './process-tree/process-tree.ts';
import { buildTimeline } from './timeline/build-timeline.ts';
import { BuildTimelineInput, Timeline } from './timeline/timeline.ts';

/**
 * One analysis function as data, for wrapping into an agent tool: a model-safe name, a
 * description written for the model, zod schemas for both sides, the function, and the
 * JSON paths of attacker-controlled strings in its output (to fence in prompts).
 */
export interface AnalysisTool<Input extends z.ZodType, Output extends z.ZodType> {
  name: string;
  description: string;
  input: Input;
  output: Output;
  run(input: z.input<Input>): z.output<Output>;
  untrusted(output: z.output<Output>): string[];
}

function define<Input extends z.ZodType, Output extends z.ZodType>(
  tool: AnalysisTool<Input, Output>,
): AnalysisTool<Input, Output> {
  return Object.freeze(tool);
}

export const BUILD_TIMELINE_TOOL = define({
  name: 'build_timeline',
  description:
    'Orders a case into a short timeline: process starts, files, registry, network, DNS, ' +
    'logons and scripts, identical actions collapsed with counts, routine Windows activity ' +
    'folded, the most significant entries kept. Each entry cites its event ids.',
  input: BuildTimelineInput,
  output: Timeline,
  run: buildTimeline,
  untrusted: (output) =>
    output.entries.flatMap((_, index) => [
      `entries[${index}].object`,
      `entries[${index}].summary`,
      `entries[${index}].actor.name`,
    ]),
});

export const BUILD_PROCESS_TREE_TOOL = define({
  name: 'build_process_tree',
  description:
    'Builds the process tree of a case (parents and children by process uid) with what each ' +
    'process did: files written, registry changes, connections, DNS, cross-process access and ' +
    'modules worth a look, each citing event ids.',
  input: BuildProcessTreeInput,
  output: ProcessTree,
  run: buildProcessTree,
  untrusted: (output) =>
    output.processes.flatMap((process, index) => {
      const at = `processes[${index}]`;
      const lists = [
        'filesWritten',
        'registryChanges',
        'network',
        'dns',
        'crossProcess',
        'modulesOfNote',
      ] as const;
      return [
        `${at}.name`,
        `${at}.imagePath`,
        `${at}.cmdline`,
        `${at}.user`,
        ...lists.flatMap((list) => process[list].map((_, item) => `${at}.${list}[${item}].value`)),
      ];
    }),
});

export const EXTRACT_IOCS_TOOL = define({
  name: 'extract_iocs',
  description:
    'Extracts indicators (hashes, IPs, domains, URLs, file paths) from a case, also from ' +
    'command lines, with routine infrastructure (private addresses, Microsoft update and ' +
    'certificate hosts, Windows binaries) filtered out and counted. Each cites event ids.',
  input: ExtractIocsInput,
  output: IocReport,
  run: extractIocs,
  untrusted: (output) => [
    ...output.iocs.map((_, index) => `iocs[${index}].value`),
    ...output.filtered.flatMap((entry, index) =>
      entry.examples.map((_, example) => `filtered[${index}].examples[${example}]`),
    ),
  ],
});

export const MAP_TECHNIQUES_TOOL = define({
  name: 'map_techniques',
  description:
    'Maps a case to MITRE ATT&CK v18.1 techniques with the project rule library; each ' +
    'technique has a confidence, the rules that matched and the event ids they matched.',
  input: MapTechniquesInput,
  output: TechniqueMapping,
  run: mapTechniques,
  untrusted: () => [],
});

export const PACK_EVIDENCE_TOOL = define({
  name: 'pack_evidence',
  description:
    'Packs a case into a compact digest for a triage prompt within a token budget: the ' +
    "threat's process lineage with all its events, rule hits, IOC-bearing events, first " +
    'occurrences, counts for the rest. Every line cites event ids; telemetry is fenced.',
  input: PackEvidenceInput,
  output: EvidencePack,
  run: packEvidence,
  // The digest fences attacker text itself; fencing it again would hide the structure.
  untrusted: () => [],
});

export const ANALYSIS_TOOLS = [
  BUILD_TIMELINE_TOOL,
  BUILD_PROCESS_TREE_TOOL,
  EXTRACT_IOCS_TOOL,
  MAP_TECHNIQUES_TOOL,
  PACK_EVIDENCE_TOOL,
] as const;
