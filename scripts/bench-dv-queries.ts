/**
 * Deep Visibility query speed over a large event store. The store is built by replaying
 * every OTRF recording with new event ids and shifted times until it holds `--events`
 * events (default 1,000,000); then five typical hunting queries run through the S1QL
 * compiler and the simulator's query path, and their results are paged to the end.
 *
 * Figures: build rate, per-query time to materialise (median of runs), paging time and
 * RSS growth while paging, and each query's time as a ratio of one full table scan
 * measured in the same run. The last query is a deliberate worst case (no anchor at all).
 *
 *   npm run bench:dv [-- --events 1000000 --runs 5]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { pageDvResults } from '../sim/store/deep-visibility/dv-queries.ts';
import { argValue, median, mib, table } from './bench-support.ts';
import { buildReplayStore } from './build-replay-store.ts';
import { eventSpan, timeDvQuery } from './time-dv-query.ts';

const QUERIES: Record<string, string> = {
  'encoded PowerShell': `EventType = "Process Creation" AND TgtProcName In Contains Anycase ("powershell", "pwsh") AND TgtProcCmdLine ContainsCIS "-enc"`,
  'LSASS dump via comsvcs': `TgtProcName = "rundll32.exe" AND TgtProcCmdLine ContainsCIS "comsvcs" AND TgtProcCmdLine ContainsCIS "minidump"`,
  'admin ports outbound': `EventType = "IP Connect" AND DstPort In ("445", "3389", "5985") AND NOT DstIP StartsWith "10."`,
  'Office spawns a shell': `SrcProcName In Anycase ("winword.exe", "excel.exe", "outlook.exe") AND TgtProcName In Anycase ("cmd.exe", "powershell.exe", "wscript.exe")`,
  'Run key writes': `EventType = "Registry Value Modified" AND RegistryKeyPath ContainsCIS "\\CurrentVersion\\Run"`,
  // Not typical: no event type, name or time anchor, so nothing but a full scan can answer.
  'worst case: bare full text': `TgtProcCmdLine ContainsCIS "mimikatz" OR SrcProcCmdLine ContainsCIS "mimikatz"`,
};

const target = Number(argValue('events', '1000000'));
const runs = Number(argValue('runs', '5'));
const storePath = join(tmpdir(), `casebook-bench-dv-${process.pid}.db`);
rmSync(storePath, { force: true });

// The build time includes importing the recordings, which the replay rounds then reuse.
const buildStart = performance.now();
const { store, events, rounds, recordings, eventsPerRound } = await buildReplayStore({
  path: storePath,
  target,
});
const buildMs = performance.now() - buildStart;
console.log(
  `${recordings} recordings, ${eventsPerRound.toLocaleString('en-US')} events per replay round`,
);
console.log(
  `store: ${events.toLocaleString('en-US')} events in ${(buildMs / 1000).toFixed(1)} s ` +
    `(${Math.round((events / buildMs) * 1000).toLocaleString('en-US')} events/s), ${rounds} rounds`,
);

const span = eventSpan(store);
const scanRuns = Array.from({ length: runs }, () => {
  const start = performance.now();
  store.db
    .prepare(`SELECT count(*) FROM events WHERE instr(src_process_cmdline, 'no-such-text') > 0`)
    .get();
  return performance.now() - start;
});
const scanMs = median(scanRuns);
console.log(`baseline full scan (instr over src cmdline): ${scanMs.toFixed(1)} ms`);

const rows: (string | number)[][] = [
  ['query', 'matches', 'median ms', 'x scan', 'paging ms', 'RSS while paging'],
];
for (const [name, query] of Object.entries(QUERIES)) {
  const { ms, matches, queryId } = timeDvQuery({
    store,
    query,
    span,
    limit: 20_000,
    runs,
    label: name,
  });

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const pageStart = performance.now();
  let position: Parameters<typeof pageDvResults>[1]['position'] = null;
  do {
    const page = pageDvResults(store, {
      queryId,
      position,
      skip: 0,
      limit: 1000,
      countTotal: false,
    });
    position = page.next;
    peak = Math.max(peak, process.memoryUsage().rss);
  } while (position !== null);
  const pageMs = performance.now() - pageStart;

  rows.push([
    name,
    matches,
    ms.toFixed(1),
    (ms / scanMs).toFixed(2),
    pageMs.toFixed(0),
    `+${mib(peak - rssBefore)}`,
  ]);
}

console.log('');
console.log(table(rows));
store.close();
rmSync(storePath, { force: true });
rmSync(`${storePath}-wal`, { force: true });
rmSync(`${storePath}-shm`, { force: true });
