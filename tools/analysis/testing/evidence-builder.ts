import { type EventType, objectTypeOf } from '../../s1ql/event-types.ts';
import type {
  EvidenceEndpoint,
  EvidenceEvent,
  EvidenceProcess,
  EvidenceTarget,
} from '../evidence/evidence-event.ts';
import { untrustedPathsOf } from '../evidence/untrusted-paths.ts';

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A hand-made evidence event for tests: defaults for what the test does not care about. */
export function evidenceEvent({
  id,
  time = T0,
  type = 'Process Creation',
  endpoint = { name: 'WS-01', agentUuid: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
  process = {},
  target = {},
}: {
  id: string;
  time?: number;
  type?: EventType;
  endpoint?: EvidenceEndpoint;
  process?: EvidenceProcess;
  target?: EvidenceTarget;
}): EvidenceEvent {
  const event = { endpoint, process, target };
  return {
    id,
    time,
    type,
    category: objectTypeOf(type),
    ...event,
    untrusted: untrustedPathsOf(event),
  };
}

/** A process creation: `parent` starts `child`. */
export function spawn({
  id,
  time = T0,
  parent,
  child,
}: {
  id: string;
  time?: number;
  parent: EvidenceProcess;
  child: NonNullable<EvidenceTarget['process']>;
}): EvidenceEvent {
  return evidenceEvent({
    id,
    time,
    type: 'Process Creation',
    process: parent,
    target: { process: child },
  });
}
