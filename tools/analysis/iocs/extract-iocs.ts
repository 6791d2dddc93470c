import { eventFactsOf } from '../attack/event-facts.ts';
import {
  COMMAND_RUNNERS,
  drivePath,
  isOsComponent,
  isUserWritablePath,
} from '../attack/rule-helpers.ts';
import { sortedByTime } from '../evidence/by-time.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { parseAnalysisInput } from '../parse-analysis-input.ts';
import {
  benignDomainReason,
  benignIpReason,
  benignPathReason,
  type FilterReason,
} from './benign-infrastructure.ts';
import { hostOf, indicatorsInText } from './indicators-in-text.ts';
import { ExtractIocsInput, type Ioc, type IocReport, type IocType } from './ioc.ts';
import { ipScopeOf } from './ip-address.ts';

const HASH_LENGTH: Record<'md5' | 'sha1' | 'sha256', number> = { md5: 32, sha1: 40, sha256: 64 };
const TYPE_ORDER: readonly IocType[] = ['sha256', 'sha1', 'md5', 'path', 'url', 'domain', 'ip'];
const EXAMPLES = 3;

/** Files worth reporting when written: what runs, what hides a payload, what holds loot. */
const NOTABLE_FILE = new RegExp(
  `\\.(${[
    'exe|dll|sys|scr|com|pif|cpl|ocx',
    'ps1|psm1|bat|cmd|vbs|vbe|js|jse|wsf|hta|sct|lnk|chm|inf',
    'xll|docm|xlsm|pptm|iso|img|zip|7z|rar',
    'dmp|dit|kirbi',
  ].join('|')})$`,
);

/** Processes that install Windows itself; their writes under the Windows folder are updates. */
const INSTALLERS = [
  'trustedinstaller.exe',
  'tiworker.exe',
  'msiexec.exe',
  'dismhost.exe',
  'poqexec.exe',
];

interface Builder {
  ioc: Ioc;
  ids: Set<string>;
}

interface ImageSighting {
  path: string;
  hashes: Map<string, { type: 'md5' | 'sha1' | 'sha256'; value: string; events: EvidenceEvent[] }>;
  events: EvidenceEvent[];
  source: string;
}

/**
 * Pulls indicators out of a case: image and file hashes and paths, remote addresses,
 * domains and URLs, also those written inside command lines. Routine infrastructure is
 * left out by the allow-list in `benign-infrastructure.ts` and counted in `filtered`.
 */
export function extractIocs(input: ExtractIocsInput): IocReport {
  const parsed = parseAnalysisInput('extractIocs', ExtractIocsInput, input);
  return iocReportOf(parsed.events, parsed);
}

export function iocReportOf(
  events: readonly EvidenceEvent[],
  { maxEventIds = 10 }: { maxEventIds?: number } = {},
): IocReport {
  const found = new Map<string, Builder>();
  const filtered = new Map<FilterReason, { count: number; examples: Set<string> }>();
  const images = new Map<string, ImageSighting>();

  const keep = (
    type: IocType,
    value: string,
    event: EvidenceEvent,
    source: string,
    note?: string,
  ) => {
    const key = `${type}\u0000${type === 'path' || type === 'url' ? value : value.toLowerCase()}`;
    let builder = found.get(key);
    if (builder === undefined) {
      builder = {
        ioc: {
          type,
          value,
          count: 0,
          firstSeen: event.time,
          eventIds: [],
          sources: [],
          ...(note === undefined ? {} : { note }),
        },
        ids: new Set(),
      };
      found.set(key, builder);
    }
    if (!builder.ids.has(event.id)) {
      builder.ids.add(event.id);
      builder.ioc.count += 1;
      if (builder.ioc.eventIds.length < maxEventIds) builder.ioc.eventIds.push(event.id);
    }
    if (!builder.ioc.sources.includes(source)) builder.ioc.sources.push(source);
  };
  const drop = (reason: FilterReason, value: string) => {
    const entry = filtered.get(reason) ?? { count: 0, examples: new Set<string>() };
    entry.count += 1;
    if (entry.examples.size < EXAMPLES) entry.examples.add(value);
    filtered.set(reason, entry);
  };
  const offerIp = (ip: string, event: EvidenceEvent, source: string) => {
    const reason = benignIpReason(ip);
    if (reason === undefined) keep('ip', ip, event, source);
    else drop(reason, ip);
  };
  const offerDomain = (domain: string, event: EvidenceEvent, source: string) => {
    const name = domain.toLowerCase().replace(/\.$/, '');
    const reason = benignDomainReason(name);
    if (reason === undefined) keep('domain', name, event, source);
    else drop(reason, name);
  };
  const offerUrl = (url: string, event: EvidenceEvent, source: string) => {
    const host = hostOf(url);
    if (host === undefined) return;
    // A URL with a path on an internal host is still attacker infrastructure (an internal
    // stager); only loopback and allow-listed domains make a URL routine.
    const scope = ipScopeOf(host);
    const reason =
      scope === undefined
        ? benignDomainReason(host)
        : scope === 'loopback' || scope === 'unspecified'
          ? 'loopback-ip'
          : undefined;
    if (reason !== undefined) {
      drop(reason, url);
      return;
    }
    keep('url', url, event, source);
    if (scope === undefined) offerDomain(host, event, source);
    else offerIp(host, event, source);
  };
  const sightImage = (
    path: string | undefined,
    hashes: { md5?: string; sha1?: string; sha256?: string },
    event: EvidenceEvent,
    source: string,
  ) => {
    if (path === undefined) {
      offerHashes(hashes, event, source, keep);
      return;
    }
    const key = drivePath(path);
    const sighting: ImageSighting = images.get(key) ?? {
      path,
      hashes: new Map(),
      events: [],
      source,
    };
    sighting.events.push(event);
    for (const type of ['sha256', 'sha1', 'md5'] as const) {
      const value = hashes[type];
      if (value !== undefined && isHash(type, value)) {
        const entry = sighting.hashes.get(`${type}:${value}`) ?? {
          type,
          value,
          events: [] as EvidenceEvent[],
        };
        entry.events.push(event);
        sighting.hashes.set(`${type}:${value}`, entry);
      }
    }
    images.set(key, sighting);
  };

  const seenProcesses = new Set<string>();
  for (const event of sortedByTime(events)) {
    const src = event.process;
    const firstSight = src.uid === undefined || !seenProcesses.has(src.uid);
    if (src.uid !== undefined) seenProcesses.add(src.uid);
    if (firstSight) {
      sightImage(src.imagePath, src, event, 'process.imagePath');
    }

    const target = event.target;
    if (event.type === 'Process Creation' && target.process !== undefined) {
      sightImage(target.process.imagePath, target.process, event, 'target.process.imagePath');
    }
    if (event.category === 'file' && target.file?.path !== undefined) {
      offerFile(event, target.file, keep, drop);
    }
    if (event.type === 'Module Load' && target.module?.path !== undefined) {
      if (
        isUserWritablePath(target.module.path) &&
        benignPathReason(target.module.path) === undefined
      ) {
        keep('path', target.module.path, event, 'target.module.path');
        offerHashes(target.module, event, 'target.module', keep);
      }
    }
    if (event.category === 'ip' && event.type === 'IP Connect' && target.network !== undefined) {
      const incoming = target.network.direction?.toUpperCase() === 'INCOMING';
      const remote = incoming ? target.network.srcIp : target.network.dstIp;
      const field = incoming ? 'target.network.srcIp' : 'target.network.dstIp';
      if (remote !== undefined) {
        const outgoingFromOs = !incoming && isOsComponent(eventFactsOf(event));
        if (outgoingFromOs && benignIpReason(remote) === undefined)
          drop('os-component-traffic', remote);
        else offerIp(remote, event, field);
      }
    }
    if (target.login?.srcIp !== undefined) {
      offerIp(target.login.srcIp, event, 'target.login.srcIp');
    }
    if (target.dns?.request !== undefined) {
      offerDomain(target.dns.request, event, 'target.dns.request');
    }
    if (target.url?.address !== undefined) {
      offerUrl(target.url.address, event, 'target.url.address');
    }

    const command = event.type === 'Process Creation' ? target.process?.cmdline : undefined;
    const texts = [
      { text: command ?? (firstSight ? src.cmdline : undefined), bare: true },
      { text: target.script?.content, bare: false },
    ];
    for (const { text, bare } of texts) {
      if (text === undefined) continue;
      const found = indicatorsInText(text, { bare });
      for (const url of found.urls) offerUrl(url, event, 'commandText');
      for (const ip of found.ips) offerIp(ip, event, 'commandText');
      for (const domain of found.domains) offerDomain(domain, event, 'commandText');
    }
  }

  for (const sighting of images.values()) {
    offerImage(sighting, keep, drop);
  }

  const iocs = [...found.values()].map((builder) => builder.ioc);
  iocs.sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
      a.firstSeen - b.firstSeen ||
      (a.value < b.value ? -1 : 1),
  );
  return {
    iocs,
    filtered: [...filtered].map(([reason, entry]) => ({
      reason,
      count: entry.count,
      examples: [...entry.examples],
    })),
  };
}

type Keep = (
  type: IocType,
  value: string,
  event: EvidenceEvent,
  source: string,
  note?: string,
) => void;
type Drop = (reason: FilterReason, value: string) => void;

function isHash(type: 'md5' | 'sha1' | 'sha256', value: string): boolean {
  return value.length === HASH_LENGTH[type] && /^[0-9a-f]+$/.test(value);
}

function offerHashes(
  hashes: { md5?: string; sha1?: string; sha256?: string },
  event: EvidenceEvent,
  source: string,
  keep: Keep,
): void {
  for (const type of ['sha256', 'sha1', 'md5'] as const) {
    const value = hashes[type];
    if (value !== undefined && isHash(type, value)) keep(type, value, event, `${source}.${type}`);
  }
}

/** Files PowerShell writes to test execution policy: routine, whatever their extension. */
const POWERSHELL_POLICY_TEST = /\\__psscriptpolicytest_[^\\]+$/;

/**
 * A written file is worth reporting when its type runs or carries a payload, or when a
 * shell or proxy binary wrote it into a user-writable folder (a dump named `dump.bin`).
 */
function isNotableFile(event: EvidenceEvent, path: string): boolean {
  const lower = path.toLowerCase();
  if (POWERSHELL_POLICY_TEST.test(lower)) {
    return false;
  }
  return (
    NOTABLE_FILE.test(lower) ||
    (COMMAND_RUNNERS.includes(eventFactsOf(event).actorImage) &&
      isUserWritablePath(path) &&
      !/\.(log|txt|etl|tmp)$/.test(lower))
  );
}

function offerFile(
  event: EvidenceEvent,
  file: NonNullable<EvidenceEvent['target']['file']>,
  keep: Keep,
  drop: Drop,
): void {
  const path = file.path ?? '';
  if (!isNotableFile(event, path)) {
    return;
  }
  const reason = benignPathReason(path);
  const installer = INSTALLERS.includes(eventFactsOf(event).actorImage);
  if (reason !== undefined || (installer && /^[a-z]:\\windows\\/.test(drivePath(path)))) {
    drop(reason ?? 'system-binary', path);
    return;
  }
  keep('path', path, event, 'target.file.path');
  offerHashes(file, event, 'target.file', keep);
}

/**
 * Reports an image unless it is a system binary or installed software. A system binary
 * seen with more than one hash keeps its rarer hashes: a swapped `svchost.exe` has the
 * right path and the wrong content.
 */
function offerImage(sighting: ImageSighting, keep: Keep, drop: Drop): void {
  const first = sighting.events[0];
  if (first === undefined) return;
  const reason = benignPathReason(sighting.path);
  if (reason === undefined) {
    keep('path', sighting.path, first, sighting.source);
    for (const hash of sighting.hashes.values()) {
      for (const event of hash.events)
        keep(hash.type, hash.value, event, `${sighting.source}.${hash.type}`);
    }
    return;
  }

  const byType = [...sighting.hashes.values()].filter((hash) => hash.type === 'sha256');
  const variants =
    byType.length > 1 ? byType : [...sighting.hashes.values()].filter((h) => h.type === 'sha1');
  if (variants.length > 1) {
    const most = Math.max(...variants.map((hash) => hash.events.length));
    const rarer = variants.filter((item) => item.events.length < most);
    const note = 'hash differs from other copies of this system binary in the case';
    for (const hash of rarer.length > 0 ? rarer : variants) {
      for (const event of hash.events) {
        keep(hash.type, hash.value, event, `${sighting.source}.${hash.type}`, note);
        keep('path', sighting.path, event, sighting.source, note);
      }
    }
    return;
  }
  drop(reason, sighting.path);
}
