import { hexId } from '../stable-id.ts';
import {
  type Fields,
  fileNameOf,
  guidOf,
  hashesOf,
  integrityLevelOf,
  pidOf,
  qualifiedUser,
  textOf,
} from '../windows/field-values.ts';
import type { ProcessNode } from './process-node.ts';

export interface ProcessFacts {
  pid?: number | undefined;
  imagePath?: string | undefined;
  cmdline?: string | undefined;
  user?: string | undefined;
}

/**
 * Every process of a recording, keyed by ProcessGuid, with a per-host pid index for the
 * sources that only give a pid (Security, PowerShell). Facts from a creation event win
 * over facts gleaned from later events.
 */
export class ProcessTable {
  private readonly byKey = new Map<string, ProcessNode>();
  private readonly byPid = new Map<string, ProcessNode[]>();
  private readonly byCmdline = new Map<string, ProcessNode[]>();

  get size(): number {
    return this.byKey.size;
  }

  nodes(): IterableIterator<ProcessNode> {
    return this.byKey.values();
  }

  get(key: string | undefined): ProcessNode | undefined {
    return key === undefined ? undefined : this.byKey.get(key);
  }

  /** Registers a Sysmon 1 event: the new process and, as far as it is told, its parent. */
  addSysmonCreation(host: string, fields: Fields, time: number): ProcessNode {
    const pid = pidOf(fields, 'ProcessId');
    const key = guidOf(fields, 'ProcessGuid') ?? `sysmon1:${host}:${pid ?? 'unknown'}:${time}`;
    const parent = this.sysmonParent(host, fields, time);
    const node = this.ensure(host, key, {
      pid,
      imagePath: textOf(fields, 'Image'),
      cmdline: textOf(fields, 'CommandLine'),
      user: textOf(fields, 'User'),
    });
    this.markCreated(node, {
      time,
      parent,
      integrity: textOf(fields, 'IntegrityLevel'),
      displayName: textOf(fields, 'Description'),
      hashes: textOf(fields, 'Hashes'),
    });
    node.user = textOf(fields, 'User') ?? node.user;
    return node;
  }

  /** Registers a Security 4688 event for a host whose Sysmon does not log creations. */
  addSecurityCreation(host: string, fields: Fields, time: number): ProcessNode {
    const pid = pidOf(fields, 'NewProcessId');
    const parent = this.processForPid({
      host,
      pid: pidOf(fields, 'ProcessId'),
      time,
      imagePath: textOf(fields, 'ParentProcessName'),
    });
    const subjectUser = qualifiedUser(
      textOf(fields, 'SubjectDomainName'),
      textOf(fields, 'SubjectUserName'),
    );
    const targetUser = qualifiedUser(
      textOf(fields, 'TargetDomainName'),
      textOf(fields, 'TargetUserName'),
    );
    const node = this.ensure(host, `4688:${host}:${pid ?? 'unknown'}:${time}`, {
      pid,
      imagePath: textOf(fields, 'NewProcessName'),
      cmdline: textOf(fields, 'CommandLine'),
      user: targetUser ?? subjectUser,
    });
    this.markCreated(node, {
      time,
      parent,
      integrity: textOf(fields, 'MandatoryLabel'),
      displayName: undefined,
      hashes: undefined,
    });
    return node;
  }

  /**
   * The process a Sysmon event names by GUID, falling back to its pid; registered from
   * what the event says about it if the recording never showed its creation.
   */
  processForGuid({
    host,
    guid,
    time,
    facts,
  }: {
    host: string;
    guid: string | undefined;
    time: number;
    facts: ProcessFacts;
  }): ProcessNode {
    if (guid !== undefined) {
      return this.ensure(host, guid, facts);
    }
    return this.processForPid({ host, pid: facts.pid, time, imagePath: facts.imagePath });
  }

  /**
   * The process that had `pid` on `host` at `time`: the latest one started by then, else
   * one whose start is unknown, else a placeholder so the event still has an actor.
   */
  processForPid({
    host,
    pid,
    time,
    imagePath,
  }: {
    host: string;
    pid: number | undefined;
    time: number;
    imagePath?: string | undefined;
  }): ProcessNode {
    const candidates = pid === undefined ? undefined : this.byPid.get(`${host}|${pid}`);
    let best: ProcessNode | undefined;
    for (const node of candidates ?? []) {
      if (imagePath !== undefined && node.imagePath !== undefined && !samePath(node, imagePath)) {
        continue;
      }
      const start = node.startTime ?? Number.NEGATIVE_INFINITY;
      if (start <= time && (best === undefined || start >= (best.startTime ?? -Infinity))) {
        best = node;
      }
    }
    if (best !== undefined) {
      return best;
    }
    const image = imagePath === undefined ? 'unknown' : fileNameOf(imagePath).toLowerCase();
    return this.ensure(host, `pid:${host}:${pid ?? 'unknown'}:${image}`, { pid, imagePath });
  }

  /** The most recent process on `host` whose command line is exactly `cmdline`. */
  processForCmdline(host: string, cmdline: string, time: number): ProcessNode | undefined {
    let best: ProcessNode | undefined;
    for (const node of this.byCmdline.get(`${host}|${cmdline}`) ?? []) {
      const start = node.startTime ?? Number.NEGATIVE_INFINITY;
      if (start <= time && (best === undefined || start >= (best.startTime ?? -Infinity))) {
        best = node;
      }
    }
    return best;
  }

  parentOf(node: ProcessNode): ProcessNode | undefined {
    return this.get(node.parentKey);
  }

  private sysmonParent(host: string, fields: Fields, time: number): ProcessNode | undefined {
    const facts = {
      pid: pidOf(fields, 'ParentProcessId'),
      imagePath: textOf(fields, 'ParentImage'),
      cmdline: textOf(fields, 'ParentCommandLine'),
      user: textOf(fields, 'ParentUser'),
    };
    const guid = guidOf(fields, 'ParentProcessGuid');
    if (guid === undefined && facts.pid === undefined) {
      return undefined;
    }
    return this.processForGuid({ host, guid, time, facts });
  }

  private markCreated(
    node: ProcessNode,
    {
      time,
      parent,
      integrity,
      displayName,
      hashes,
    }: {
      time: number;
      parent: ProcessNode | undefined;
      integrity: string | undefined;
      displayName: string | undefined;
      hashes: string | undefined;
    },
  ): void {
    node.created = true;
    node.startTime = time;
    node.integrityLevel = integrityLevelOf(integrity) ?? node.integrityLevel;
    node.displayName = displayName ?? node.displayName;
    node.hashes = { ...node.hashes, ...hashesOf(hashes) };
    if (parent !== undefined && parent !== node && node.parentKey === undefined) {
      node.parentKey = parent.key;
      parent.children.push(node);
    }
  }

  private ensure(host: string, key: string, facts: ProcessFacts): ProcessNode {
    let node = this.byKey.get(key);
    if (node === undefined) {
      node = {
        key,
        host,
        uid: hexId(`process:${host}:${key}`, 16),
        hashes: {},
        created: false,
        children: [],
        storylineId: '',
        isStorylineRoot: false,
      };
      this.byKey.set(key, node);
    }
    this.enrich(node, facts);
    return node;
  }

  /** Fills in what is not yet known about a process; known facts are kept. */
  enrich(node: ProcessNode, facts: ProcessFacts): void {
    if (node.pid === undefined && facts.pid !== undefined) {
      node.pid = facts.pid;
      this.indexUnder(this.byPid, `${node.host}|${facts.pid}`, node);
    }
    if (node.imagePath === undefined && facts.imagePath !== undefined) {
      node.imagePath = facts.imagePath;
      node.name = fileNameOf(facts.imagePath);
    }
    if (node.cmdline === undefined && facts.cmdline !== undefined) {
      node.cmdline = facts.cmdline;
      this.indexUnder(this.byCmdline, `${node.host}|${facts.cmdline}`, node);
    }
    node.user ??= facts.user;
  }

  private indexUnder(index: Map<string, ProcessNode[]>, key: string, node: ProcessNode): void {
    const list = index.get(key);
    if (list === undefined) {
      index.set(key, [node]);
    } else {
      list.push(node);
    }
  }
}

function samePath(node: ProcessNode, imagePath: string): boolean {
  const known = node.name?.toLowerCase();
  return known === undefined || known === fileNameOf(imagePath).toLowerCase();
}
