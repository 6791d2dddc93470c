import { type EventFacts, eventFactsOf } from '../attack/event-facts.ts';
import { COMMAND_RUNNERS, isOsComponent, isSystemPath } from '../attack/rule-helpers.ts';
import type { EvidenceEvent } from '../evidence/evidence-event.ts';
import { imageNameOf } from '../evidence/file-name.ts';
import { benignDomainReason } from '../iocs/benign-infrastructure.ts';
import { isPublicIp } from '../iocs/ip-address.ts';
import { moduleNote } from '../process-tree/notable-modules.ts';

/**
 * Why an event is routine and gets folded into a count instead of a timeline line, or
 * undefined to list it. Only events no mapping rule fired on reach this question: the
 * caller never folds evidence of a technique.
 */
export function routineReason(event: EvidenceEvent): string | undefined {
  const facts = eventFactsOf(event);
  const os = isOsComponent(facts);
  switch (event.category) {
    case 'module':
      return moduleNote(event.target.module?.path ?? '', facts.actorImage) === undefined
        ? 'ordinary module loads'
        : undefined;
    case 'process':
      if (event.type !== 'Process Creation') {
        return 'process exits';
      }
      return os && startsWindowsProgram(event)
        ? 'Windows components starting Windows programs'
        : undefined;
    case 'dns':
      return os || benignDomainReason(facts.dnsRequest) !== undefined
        ? 'lookups of Microsoft, certificate and local names, or by Windows components'
        : undefined;
    case 'ip':
      return os && !publicCaller(event)
        ? 'Windows components talking to internal hosts'
        : undefined;
    case 'registry':
    case 'file':
      return os ? `${event.category} activity of Windows components` : undefined;
    case 'cross_process':
      return routineCrossProcess(event, facts, os);
    case 'logins':
      return routineLogin(event);
    default:
      return undefined;
  }
}

/** A Windows program (not a shell or proxy binary) started from its place under Windows. */
function startsWindowsProgram(event: EvidenceEvent): boolean {
  const child = event.target.process;
  const path = child?.imagePath ?? '';
  return isSystemPath(path) && !COMMAND_RUNNERS.includes(imageNameOf(child));
}

/** An incoming connection from the internet: worth a line even when Windows accepted it. */
function publicCaller(event: EvidenceEvent): boolean {
  const network = event.target.network;
  return (
    network?.direction?.toUpperCase() === 'INCOMING' &&
    network.srcIp !== undefined &&
    isPublicIp(network.srcIp)
  );
}

/** Windows opens handles to processes all day; injection and LSASS access are the exceptions. */
function routineCrossProcess(
  event: EvidenceEvent,
  facts: EventFacts,
  os: boolean,
): string | undefined {
  if (facts.targetImage === 'lsass.exe' && !os) {
    return undefined;
  }
  if (event.type === 'Remote Thread Creation' && !os) {
    return undefined;
  }
  return 'process handles opened between processes';
}

function routineLogin(event: EvidenceEvent): string | undefined {
  const login = event.target.login;
  const user = login?.userName?.toLowerCase() ?? '';
  if (login?.success === false) {
    return undefined;
  }
  return user.endsWith('$') ||
    ['system', 'local service', 'network service', 'anonymous logon', 'dwm-1', 'umfd-0'].includes(
      user,
    ) ||
    login?.type === 'SERVICE'
    ? 'logons of machine and service accounts'
    : undefined;
}
