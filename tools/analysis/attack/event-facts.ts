import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { imageNameOf } from '../evidence/file-name.ts';

/** A process seen starting, lower-cased for matching: the new image and the one that started it. */
export interface Execution {
  image: string;
  path: string;
  cmd: string;
  parentImage: string;
  parentPath: string;
  parentCmd: string;
  integrity: string;
}

/**
 * What rules look at in one event, lower-cased once. Telemetry is attacker-controlled
 * text, so rules match it as data and never trust a name without its path where the
 * path is what makes it trustworthy.
 */
export interface EventFacts {
  /** Set for a process creation, and for a process's first event when its creation is missing. */
  exec: Execution | undefined;
  /** The acting process. */
  actorImage: string;
  actorPath: string;
  /** PowerShell or other script content (Command Script events). */
  script: string;
  /** Command text to search for tool keywords: the started command line and any script content. */
  text: string;
  registryPath: string;
  registryValue: string;
  filePath: string;
  targetImage: string;
  targetPath: string;
  /** `tgt.process.accessRights` as a number; undefined when absent or unreadable. */
  accessRights: number | undefined;
  modulePath: string;
  dnsRequest: string;
}

const lower = (text: string | undefined) => (text === undefined ? '' : text.toLowerCase());

/** Facts of an event; `observed` says the acting process is first seen here without a creation. */
export function eventFactsOf(event: EvidenceEvent, observed = false): EventFacts {
  const exec = executionOf(event, observed);
  const script = codeOf(lower(event.target.script?.content));
  const target = event.target.process;
  return {
    exec,
    actorImage: imageNameOf(event.process),
    actorPath: lower(event.process.imagePath),
    script,
    text: exec === undefined ? script : script === '' ? exec.cmd : `${exec.cmd}\n${script}`,
    registryPath: lower(event.target.registry?.path ?? event.target.registry?.keyPath),
    registryValue: lower(event.target.registry?.value),
    filePath: lower(event.target.file?.path),
    targetImage: imageNameOf(target),
    targetPath: lower(target?.imagePath),
    accessRights: accessRightsOf(target?.accessRights),
    modulePath: lower(event.target.module?.path),
    dnsRequest: lower(event.target.dns?.request),
  };
}

function executionOf(event: EvidenceEvent, observed: boolean): Execution | undefined {
  if (event.type === 'Process Creation' && event.target.process !== undefined) {
    const child = event.target.process;
    return {
      image: imageNameOf(child),
      path: lower(child.imagePath),
      cmd: lower(child.cmdline),
      parentImage: imageNameOf(event.process),
      parentPath: lower(event.process.imagePath),
      parentCmd: lower(event.process.cmdline),
      integrity: lower(child.integrity),
    };
  }
  if (!observed) {
    return undefined;
  }
  const parent = event.process.parent;
  return {
    image: imageNameOf(event.process),
    path: lower(event.process.imagePath),
    cmd: lower(event.process.cmdline),
    parentImage: parent === undefined ? '' : imageNameOf(parent),
    parentPath: lower(parent?.imagePath),
    parentCmd: lower(parent?.cmdline),
    integrity: lower(event.process.integrity),
  };
}

/**
 * Script text without its help blocks and whole-line comments: function help
 * (`.EXAMPLE Invoke-DcSync ...`) names commands the script never runs.
 */
function codeOf(script: string): string {
  return script === '' ? '' : script.replace(/<#[\s\S]*?#>/g, ' ').replace(/^\s*#.*$/gm, '');
}

/** Sysmon and the console write rights as hex (`0x1010`); plain digits are decimal. */
export function accessRightsOf(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const trimmed = text.trim().toLowerCase();
  const value = /^0x[0-9a-f]+$/.test(trimmed)
    ? Number.parseInt(trimmed.slice(2), 16)
    : /^\d+$/.test(trimmed)
      ? Number(trimmed)
      : Number.NaN;
  return Number.isSafeInteger(value) ? value : undefined;
}
