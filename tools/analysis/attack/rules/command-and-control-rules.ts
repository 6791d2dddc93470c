import { isPublicIp } from '../../iocs/ip-address.ts';
import { ANY_EVENT, isDropLocation, oneOf, textMatches } from '../rule-helpers.ts';
import type { TechniqueRule } from '../technique-rule.ts';

/** Programs that have no business talking to the internet themselves. */
const UNEXPECTED_CLIENTS = [
  'powershell.exe',
  'pwsh.exe',
  'wscript.exe',
  'cscript.exe',
  'mshta.exe',
  'rundll32.exe',
  'regsvr32.exe',
  'msbuild.exe',
  'installutil.exe',
  'cmstp.exe',
  'certutil.exe',
  'cmd.exe',
];

const WEB_PORTS = [80, 443, 8080, 8443];

const DOWNLOAD_VERB = oneOf(
  /download(string|file|data)/,
  /invoke-webrequest|\biwr\b|invoke-restmethod/,
  /start-bitstransfer|\bwget\b/,
);

/** Saving curl's or wget's download somewhere other than the null device. */
const SAVES_OUTPUT = oneOf(/\s(-o|--output)\s+(?!\/dev\/null|nul\b)\S+/, /\s(-O|--remote-name)\b/);
const REMOTE_URL = /\b(https?|ftp):\/\/[^\s'"]+/;

export const COMMAND_AND_CONTROL_RULES: readonly TechniqueRule[] = [
  {
    id: 'certutil-download',
    technique: 'T1105',
    title: 'certutil used to download a file (-urlcache, -verifyctl)',
    confidence: 0.85,
    eventTypes: ANY_EVENT,
    match: (_event, facts) =>
      textMatches(facts, /\bcertutil(\.exe)?["']?\s.*-(urlcache|verifyctl)\b.*\b(https?|ftp):\/\//),
  },
  {
    id: 'script-download',
    technique: 'T1105',
    title: 'A script or command downloaded a file from a URL',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => textMatches(facts, DOWNLOAD_VERB) && textMatches(facts, REMOTE_URL),
  },
  {
    id: 'tool-fetched-over-http',
    technique: 'T1105',
    title: 'A script host or dropped program fetched a program or script over HTTP',
    confidence: 0.6,
    eventTypes: ['GET'],
    match: (event, facts) =>
      /\.(exe|dll|ps1|bin|bat|vbs|hta|sct|msi|zip|7z)(\?|$)/i.test(
        event.target.url?.address ?? '',
      ) &&
      (UNEXPECTED_CLIENTS.includes(facts.actorImage) || isDropLocation(facts.actorPath)),
  },
  {
    id: 'curl-download',
    technique: 'T1105',
    title: 'curl or wget saved a file from a URL',
    confidence: 0.6,
    eventTypes: ANY_EVENT,
    match: (_event, facts) => {
      const exec = facts.exec;
      return (
        exec !== undefined &&
        ['curl.exe', 'wget.exe', 'curl', 'wget'].includes(exec.image) &&
        /\b(https?|ftp):\/\//.test(exec.cmd) &&
        SAVES_OUTPUT.test(exec.cmd)
      );
    },
  },
  {
    id: 'http-post-from-script-host',
    technique: 'T1048.003',
    title: 'A script host or dropped program sent data by plain HTTP POST',
    confidence: 0.5,
    eventTypes: ['POST', 'PUT'],
    match: (event, facts) =>
      /^http:\/\//i.test(event.target.url?.address ?? '') &&
      (UNEXPECTED_CLIENTS.includes(facts.actorImage) || isDropLocation(facts.actorPath)),
  },
  {
    id: 'web-protocol-from-unexpected-client',
    technique: 'T1071.001',
    title:
      'A script host, proxy binary or dropped program talked to an internet host over web ports',
    confidence: 0.5,
    eventTypes: ['IP Connect'],
    match: (event, facts) => {
      const network = event.target.network;
      return (
        network !== undefined &&
        network.direction?.toUpperCase() !== 'INCOMING' &&
        network.dstIp !== undefined &&
        isPublicIp(network.dstIp) &&
        network.dstPort !== undefined &&
        WEB_PORTS.includes(network.dstPort) &&
        (UNEXPECTED_CLIENTS.includes(facts.actorImage) || isDropLocation(facts.actorPath))
      );
    },
  },
];
