/**
 * Minimal console objects for tests, shaped like the Management API v2.1 answers
 * recorded in the reference (ids as digit strings, microsecond timestamps).
 */

export function threatJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    agentDetectionInfo: { agentUuid: 'f431b0a1a8744d2a8a92fc88fa3c13bc', siteName: 'Default site' },
    agentRealtimeInfo: {
      agentId: '657613730168123595',
      agentComputerName: 'EC2AMAZ-AJ0KANC',
      agentOsType: 'windows',
    },
    threatInfo: {
      analystVerdict: 'undefined',
      classification: 'Malware',
      confidenceLevel: 'malicious',
      createdAt: '2019-09-15T12:14:42.440985Z',
      filePath: '\\Device\\HarddiskVolume1\\Users\\Administrator\\Downloads\\ncat.exe',
      incidentStatus: 'unresolved',
      originatorProcess: 'explorer.exe',
      sha1: 'd8757a0396d05a1d532422827a70a7966c361366',
      storyline: '8BF4207AFA583317',
      threatId: id,
      threatName: 'ncat.exe',
      mitigationStatus: 'not_mitigated',
    },
    whiteningOptions: ['path', 'hash'],
    ...overrides,
  };
}

export function agentJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    uuid: 'f431b0a1a8744d2a8a92fc88fa3c13bc',
    computerName: 'EC2AMAZ-AJ0KANC',
    networkStatus: 'connected',
    osType: 'windows',
    osName: 'Windows Server 2016',
    isActive: true,
    ...overrides,
  };
}

export function dvEventJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    eventType: 'Process Creation',
    objectType: 'process',
    eventTime: '2022-01-24T18:49:35.296Z',
    agentUuid: 'f5875d2abd9f4198824885126b4f4d07',
    srcProcName: 'cmd.exe',
    srcProcPid: '1188',
    srcProcIsStorylineRoot: 'True',
    dstPort: 3389,
    k8sClusterName: null,
    ...overrides,
  };
}

export function activityJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    activityType: 19,
    primaryDescription: 'Threat with confidence level malicious detected',
    secondaryDescription: null,
    createdAt: '2026-01-01T00:00:00.000000Z',
    threatId: '715723437013282014',
    agentId: '657613730168123595',
    userId: null,
    data: { computerName: 'EC2AMAZ-AJ0KANC' },
    ...overrides,
  };
}

export function noteJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    text: 'casebook: triage started',
    createdAt: '2026-01-01T00:00:00.000000Z',
    updatedAt: '2026-01-01T00:00:00.000000Z',
    creator: 'analyst@example.com',
    creatorId: '111111111111111111',
    edited: false,
    ...overrides,
  };
}

/** A list envelope as the console sends it. */
export function page(data: unknown[], nextCursor: string | null, totalItems = data.length) {
  return { data, pagination: { nextCursor, totalItems } };
}
