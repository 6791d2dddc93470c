/**
 * Where each catalogue field (by its dotted v2 name) lands in an `EvidenceEvent`.
 * `event.id`, `event.type`, `event.category` and `event.time` are read separately; the
 * fields in `UNUSED_FIELDS` describe the sensor or the console, not what happened.
 */
export const EVIDENCE_PATHS: Readonly<Record<string, string>> = {
  'endpoint.name': 'endpoint.name',
  'agent.uuid': 'endpoint.agentUuid',
  'agent.id': 'endpoint.agentId',
  'endpoint.os': 'endpoint.os',

  'src.process.name': 'process.name',
  'src.process.cmdline': 'process.cmdline',
  'src.process.image.path': 'process.imagePath',
  'src.process.image.sha1': 'process.sha1',
  'src.process.image.sha256': 'process.sha256',
  'src.process.image.md5': 'process.md5',
  'src.process.pid': 'process.pid',
  'src.process.uid': 'process.uid',
  'src.process.storyline.id': 'process.storyline',
  'src.process.user': 'process.user',
  'src.process.displayName': 'process.displayName',
  'src.process.publisher': 'process.publisher',
  'src.process.signedStatus': 'process.signedStatus',
  'src.process.verifiedStatus': 'process.verifiedStatus',
  'src.process.integrityLevel': 'process.integrity',
  'src.process.startTime': 'process.startTime',
  'src.process.isStorylineRoot': 'process.isStorylineRoot',
  'src.process.parent.name': 'process.parent.name',
  'src.process.parent.cmdline': 'process.parent.cmdline',
  'src.process.parent.image.path': 'process.parent.imagePath',
  'src.process.parent.image.sha1': 'process.parent.sha1',
  'src.process.parent.pid': 'process.parent.pid',
  'src.process.parent.uid': 'process.parent.uid',
  'src.process.parent.storyline.id': 'process.parent.storyline',

  'tgt.process.name': 'target.process.name',
  'tgt.process.cmdline': 'target.process.cmdline',
  'tgt.process.image.path': 'target.process.imagePath',
  'tgt.process.image.sha1': 'target.process.sha1',
  'tgt.process.image.sha256': 'target.process.sha256',
  'tgt.process.image.md5': 'target.process.md5',
  'tgt.process.pid': 'target.process.pid',
  'tgt.process.uid': 'target.process.uid',
  'tgt.process.storyline.id': 'target.process.storyline',
  'tgt.process.user': 'target.process.user',
  'tgt.process.displayName': 'target.process.displayName',
  'tgt.process.publisher': 'target.process.publisher',
  'tgt.process.signedStatus': 'target.process.signedStatus',
  'tgt.process.integrityLevel': 'target.process.integrity',
  'tgt.process.accessRights': 'target.process.accessRights',

  'tgt.file.path': 'target.file.path',
  'tgt.file.oldPath': 'target.file.oldPath',
  'tgt.file.extension': 'target.file.extension',
  'tgt.file.sha1': 'target.file.sha1',
  'tgt.file.sha256': 'target.file.sha256',
  'tgt.file.md5': 'target.file.md5',
  'tgt.file.size': 'target.file.size',
  'tgt.file.isExecutable': 'target.file.isExecutable',
  'tgt.file.creationTime': 'target.file.createdAt',

  'src.ip.address': 'target.network.srcIp',
  'src.port.number': 'target.network.srcPort',
  'dst.ip.address': 'target.network.dstIp',
  'dst.port.number': 'target.network.dstPort',
  'event.network.direction': 'target.network.direction',
  'event.network.connectionStatus': 'target.network.status',
  'event.network.protocolName': 'target.network.protocol',

  'event.dns.request': 'target.dns.request',
  'event.dns.response': 'target.dns.response',
  'url.address': 'target.url.address',

  'registry.keyPath': 'target.registry.keyPath',
  'registry.path': 'target.registry.path',
  'registry.value': 'target.registry.value',
  'registry.valueType': 'target.registry.valueType',

  'module.path': 'target.module.path',
  'module.sha1': 'target.module.sha1',
  'module.md5': 'target.module.md5',

  'event.login.type': 'target.login.type',
  'event.login.loginIsSuccessful': 'target.login.success',
  'event.login.userName': 'target.login.userName',
  'event.login.accountDomain': 'target.login.domain',
  'event.login.srcMachineIp': 'target.login.srcIp',

  'task.name': 'target.task.name',
  'task.path': 'target.task.path',

  'indicator.name': 'target.indicator.name',
  'indicator.category': 'target.indicator.category',
  'indicator.description': 'target.indicator.description',
  'indicator.metadata': 'target.indicator.metadata',

  'cmdScript.content': 'target.script.content',
};

/** Fields read on their own because every event must have them. */
export const CORE_FIELDS: readonly string[] = [
  'event.id',
  'event.type',
  'event.category',
  'event.time',
];

/** Catalogue fields the analysis does not use. */
export const UNUSED_FIELDS: readonly string[] = [
  'agent.version',
  'endpoint.type',
  'site.id',
  'site.name',
];
