import type { EvidenceEvent } from './evidence-event.ts';

function endpoint(ip: string, port: number | undefined): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return port === undefined ? host : `${host}:${port}`;
}

/**
 * A connection as a reader wants it: the remote end of an outgoing connection
 * (`203.0.113.5:443`), `from <remote> to port <n>` for an incoming one, and the local
 * socket for a listen.
 */
export function connectionOf(event: EvidenceEvent): string | undefined {
  const network = event.target.network;
  if (network === undefined) {
    return undefined;
  }
  if (event.type === 'IP Listen') {
    return `listening on ${endpoint(network.srcIp ?? '*', network.srcPort)}`;
  }
  if (network.direction?.toUpperCase() === 'INCOMING') {
    if (network.srcIp === undefined) {
      return undefined;
    }
    const port = network.dstPort === undefined ? '' : ` to port ${network.dstPort}`;
    return `from ${network.srcIp}${port}`;
  }
  return network.dstIp === undefined ? undefined : endpoint(network.dstIp, network.dstPort);
}
