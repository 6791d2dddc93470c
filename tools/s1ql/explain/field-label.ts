import type { FieldDef } from '../fields.ts';

/** Words for the parts of dotted names; anything not listed is split at its capitals. */
const WORDS: Readonly<Record<string, string>> = {
  src: 'source',
  tgt: 'target',
  dst: 'destination',
  cmdline: 'command line',
  cmdScript: 'script',
  pid: 'PID',
  uid: 'unique id',
  uuid: 'UUID',
  id: 'id',
  ip: 'IP',
  os: 'OS',
  dns: 'DNS',
  url: 'URL',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  md5: 'MD5',
  keyPath: 'key path',
  image: 'image',
  displayName: 'display name',
  storyline: 'storyline',
  loginIsSuccessful: 'success flag',
  isExecutable: 'executable flag',
  isStorylineRoot: 'storyline root flag',
};

/** Labels where the dotted name reads badly word by word. */
const LABELS: Readonly<Record<string, string>> = {
  'event.type': 'event type',
  'event.category': 'object type',
  'event.time': 'event time',
  'url.address': 'URL',
  'src.ip.address': 'source IP address',
  'dst.ip.address': 'destination IP address',
  'src.port.number': 'source port',
  'dst.port.number': 'destination port',
  'cmdScript.content': 'script content',
  'endpoint.type': 'endpoint machine type',
};

/** A field as a hunter would say it: `src.process.cmdline` is "source process command line". */
export function fieldLabel(def: FieldDef): string {
  const fixed = LABELS[def.v2];
  if (fixed !== undefined) return fixed;
  const parts = def.v2.split('.');
  // `event.dns.request` is the DNS request: the leading `event` adds nothing.
  const named = parts[0] === 'event' && parts.length > 2 ? parts.slice(1) : parts;
  return named
    .map((part) => WORDS[part] ?? part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' ');
}
