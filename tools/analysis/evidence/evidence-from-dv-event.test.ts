import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../analysis-error.ts';
import { EvidenceEvent } from './evidence-event.ts';
import { evidenceFromDvEvent, evidenceFromDvEvents } from './evidence-from-dv-event.ts';

/** The reference's `/dv/events` fixture (3.2), trimmed; values as the console sends them. */
const DV_EVENT = {
  id: '649568400931684352',
  eventType: 'IP Connect',
  objectType: 'ip',
  eventTime: '2022-01-24T18:49:35.296Z',
  agentId: '1337419724165944028',
  agentUuid: 'f5875d2abd9f4198824885126b4f4d07',
  endpointName: 'EC2AMAZ-IQFSLIL',
  endpointOs: 'windows',
  srcIp: '87.251.64.138',
  srcPort: 3428,
  dstIp: '172.31.31.67',
  dstPort: 3389,
  netEventDirection: 'INCOMING',
  netConnStatus: 'SUCCESS',
  netProtocolName: 'ms-wbt-server',
  srcProcName: 'svchost.exe',
  srcProcPid: '1188',
  srcProcUid: '0E1224C52E1F3667',
  srcProcStorylineId: 'B9913CE1424F6FB2',
  srcProcCmdLine: 'C:\\Windows\\System32\\svchost.exe -k termsvcs -s TermService',
  srcProcImagePath: 'C:\\Windows\\system32\\svchost.exe',
  srcProcImageSha1: 'A1385CE20AD79F55DF235EFFD9780C31442AA234',
  srcProcUser: 'NT AUTHORITY\\NETWORK SERVICE',
  srcProcIntegrityLevel: 'SYSTEM',
  srcProcSignedStatus: 'signed',
  srcProcStartTime: '2022-01-20T07:03:12.554Z',
  srcProcIsStorylineRoot: 'True',
  srcProcParentName: 'services.exe',
  srcProcParentPid: '868',
  srcProcParentUid: '4B8DD1628A27EDE6',
  tgtFilePath: null,
  registryPath: null,
  siteName: 'Default site',
  processName: 'svchost.exe',
};

describe('evidenceFromDvEvent', () => {
  it('converts a console event with string numbers and booleans', () => {
    const event = evidenceFromDvEvent(DV_EVENT);

    expect(event).toEqual({
      id: '649568400931684352',
      time: Date.UTC(2022, 0, 24, 18, 49, 35, 296),
      type: 'IP Connect',
      category: 'ip',
      endpoint: {
        name: 'EC2AMAZ-IQFSLIL',
        agentUuid: 'f5875d2abd9f4198824885126b4f4d07',
        agentId: '1337419724165944028',
        os: 'windows',
      },
      process: {
        name: 'svchost.exe',
        cmdline: 'C:\\Windows\\System32\\svchost.exe -k termsvcs -s TermService',
        imagePath: 'C:\\Windows\\system32\\svchost.exe',
        sha1: 'a1385ce20ad79f55df235effd9780c31442aa234',
        pid: 1188,
        uid: '0E1224C52E1F3667',
        storyline: 'B9913CE1424F6FB2',
        user: 'NT AUTHORITY\\NETWORK SERVICE',
        signedStatus: 'signed',
        integrity: 'SYSTEM',
        startTime: Date.UTC(2022, 0, 20, 7, 3, 12, 554),
        isStorylineRoot: true,
        parent: { name: 'services.exe', pid: 868, uid: '4B8DD1628A27EDE6' },
      },
      target: {
        network: {
          srcIp: '87.251.64.138',
          srcPort: 3428,
          dstIp: '172.31.31.67',
          dstPort: 3389,
          direction: 'INCOMING',
          status: 'SUCCESS',
          protocol: 'ms-wbt-server',
        },
      },
      untrusted: [
        'process.name',
        'process.cmdline',
        'process.imagePath',
        'process.user',
        'process.parent.name',
      ],
    });
    expect(EvidenceEvent.safeParse(event).success).toBe(true);
  });

  it('derives the category from the event type whatever the console says', () => {
    const event = evidenceFromDvEvent({ ...DV_EVENT, eventType: 'dns resolved', objectType: 'IP' });

    expect([event.type, event.category]).toEqual(['DNS Resolved', 'dns']);
  });

  it('rejects an event with an unknown type, a bad time and a non-numeric pid', () => {
    const bad = { ...DV_EVENT, eventType: 'Teleport', eventTime: 'yesterday', srcProcPid: 'x' };

    expect(() => evidenceFromDvEvent(bad)).toThrow(
      'Deep Visibility event 649568400931684352 is malformed: eventType: unknown event type ' +
        '"Teleport"; eventTime: expected a timestamp, got "yesterday"; srcProcPid: expected a ' +
        'non-negative integer, got "x"',
    );
  });

  it('blames the console for a malformed event', () => {
    const error = (() => {
      try {
        evidenceFromDvEvent('not an event');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(AnalysisError);
    expect((error as AnalysisError).toJSON()).toEqual({
      name: 'AnalysisError',
      code: 'EVIDENCE_DV_EVENT_INVALID',
      fault: 'upstream',
      message: 'Deep Visibility event (no id) is malformed: (event): expected an event object',
      problems: [{ path: '', message: 'expected an event object' }],
    });
  });
});

describe('evidenceFromDvEvents', () => {
  it('keeps the good events of a page and lists the rejected ones', () => {
    const page = [DV_EVENT, { ...DV_EVENT, id: '2', srcProcIsStorylineRoot: 'maybe' }];

    const { events, rejected } = evidenceFromDvEvents(page);

    expect(events.map((event) => event.id)).toEqual(['649568400931684352']);
    expect(rejected).toEqual([
      {
        index: 1,
        id: '2',
        problems: [
          { path: 'srcProcIsStorylineRoot', message: 'expected true or false, got "maybe"' },
        ],
      },
    ]);
  });
});
