import type { Ioc } from '../../tools/analysis/index.ts';
import { compileS1ql } from '../../tools/s1ql/index.ts';

/** Values per field, so the query stays inside what a console accepts in one list. */
const MAX_VALUES = 25;

export interface SweepQuery {
  /** S1QL 1.0, checked by the parser before it is sent anywhere. */
  query: string;
  /** Indicator values and hosts it looks for. */
  values: string[];
  /** What was left out and why (hashes have no Deep Visibility field here). */
  skipped: { value: string; reason: string }[];
}

/**
 * A value goes into a quoted S1QL string only when it cannot end the string or the
 * line: indicators come from telemetry, and a quote in one could rewrite the query.
 */
function quotable(value: string): boolean {
  if (value.length === 0 || value.length > 500) return false;
  return ![...value].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return char === '"' || code < 0x20 || code === 0x7f;
  });
}

function list(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/**
 * Builds the fleet sweep for a case: its network and file indicators, plus the hosts the
 * case reached for, as one Deep Visibility query over the other endpoints, so a console
 * allowing one query a minute still sweeps the whole case at once. Returns null when there
 * is nothing to look for.
 */
export function buildSweepQuery({
  iocs,
  hosts,
  exclude = [],
}: {
  iocs: readonly Pick<Ioc, 'type' | 'value'>[];
  hosts: readonly string[];
  /** The case's own endpoints: their events are the case, not a sweep hit. */
  exclude?: readonly string[];
}): SweepQuery | null {
  const skipped: SweepQuery['skipped'] = [];
  const pick = (type: Ioc['type']) => {
    const chosen: string[] = [];
    for (const ioc of iocs.filter((candidate) => candidate.type === type)) {
      if (!quotable(ioc.value)) {
        skipped.push({
          value: ioc.value,
          reason: 'contains characters a query string cannot hold',
        });
      } else if (chosen.length >= MAX_VALUES) {
        skipped.push({ value: ioc.value, reason: `more than ${MAX_VALUES} ${type} indicators` });
      } else if (!chosen.includes(ioc.value)) {
        chosen.push(ioc.value);
      }
    }
    return chosen;
  };

  const domains = pick('domain');
  const ips = pick('ip');
  const urls = pick('url');
  const paths = pick('path');
  for (const ioc of iocs) {
    if (ioc.type === 'sha1' || ioc.type === 'sha256' || ioc.type === 'md5') {
      skipped.push({ value: ioc.value, reason: 'hashes are not swept (no hash field to query)' });
    }
  }
  const names = [...new Set(hosts.filter(quotable))].slice(0, MAX_VALUES);

  const clauses = [
    domains.length > 0 ? `DnsRequest In Anycase (${list(domains)})` : undefined,
    ips.length > 0 ? `DstIP In (${list(ips)})` : undefined,
    ips.length > 0 ? `SrcIP In (${list(ips)})` : undefined,
    urls.length > 0 ? `Url In Anycase (${list(urls)})` : undefined,
    paths.length > 0 ? `TgtFilePath In Anycase (${list(paths)})` : undefined,
    paths.length > 0 ? `SrcProcImagePath In Anycase (${list(paths)})` : undefined,
    names.length > 0 ? `EndpointName In Anycase (${list(names)})` : undefined,
  ].filter((clause) => clause !== undefined);
  if (clauses.length === 0) return null;

  const own = [...new Set(exclude.filter(quotable))].slice(0, MAX_VALUES);
  const query =
    own.length === 0
      ? clauses.join(' OR ')
      : `(${clauses.join(' OR ')}) AND EndpointName Not In Anycase (${list(own)})`;
  // Only a query the S1QL engine accepts is sent: a bug here must not reach a console.
  const checked = compileS1ql(query);
  if (!checked.ok) throw new Error(`the sweep query is invalid: ${checked.error.message}`);

  return { query, values: [...domains, ...ips, ...urls, ...paths, ...names], skipped };
}
