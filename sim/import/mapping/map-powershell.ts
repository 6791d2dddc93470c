import type { ProcessNode } from '../lineage/process-node.ts';
import { pidOf, textOf } from '../windows/field-values.ts';
import type { WindowsRecord } from '../windows/windows-record.ts';
import type { MappedRecord } from './dv-event.ts';
import { IGNORED, type MappingContext, type MappingOutcome } from './mapping-context.ts';

/** Long enough for any command an analyst reads; Empire stagers run to hundreds of KB. */
export const MAX_SCRIPT_LENGTH = 16_384;
const TRUNCATION_MARK = ' [truncated]';

/** Maps PowerShell module logging (4103) and script block logging (4104) to Command Script. */
export function mapPowerShellRecord(
  record: WindowsRecord,
  context: MappingContext,
): MappingOutcome<MappedRecord> {
  if (record.eventId !== 4103 && record.eventId !== 4104) {
    return IGNORED;
  }
  const fields = record.fields;
  const content =
    record.eventId === 4104
      ? textOf(fields, 'ScriptBlockText')
      : (textOf(fields, 'Payload') ?? textOf(fields, 'ContextInfo'));
  if (content === undefined) {
    return IGNORED;
  }
  return {
    kind: 'mapped',
    value: {
      record,
      type: 'Command Script',
      fields: { 'cmdScript.content': truncate(content) },
      src: scriptHost(record, context),
    },
  };
}

function truncate(content: string): string {
  return content.length <= MAX_SCRIPT_LENGTH
    ? content
    : content.slice(0, MAX_SCRIPT_LENGTH - TRUNCATION_MARK.length) + TRUNCATION_MARK;
}

/**
 * The PowerShell process that logged the event: by the pid the pipeline kept, else by
 * the `Host Application` command line of module logging, else the host that logged last
 * on that endpoint, else a placeholder. The command line fills in what the process table
 * does not know about a session started before the recording.
 */
function scriptHost(record: WindowsRecord, context: MappingContext): ProcessNode {
  const fields = record.fields;
  const application = hostApplicationOf(textOf(fields, 'ContextInfo'));
  const facts = {
    cmdline: application,
    imagePath: application === undefined ? undefined : imageOfCommand(application),
  };
  const pid = pidOf(fields, 'ExecutionProcessID', 'process_id', 'ProcessID');

  let node: ProcessNode | undefined;
  if (pid !== undefined) {
    node = context.table.processForPid({ host: context.host, pid, time: record.time });
  } else if (application !== undefined) {
    node = context.table.processForCmdline(context.host, application, record.time);
  }
  node ??= context.scriptHosts.get(context.host);
  node ??= context.table.processForPid({
    host: context.host,
    pid: undefined,
    time: record.time,
    imagePath: facts.imagePath ?? 'powershell.exe',
  });
  context.table.enrich(node, facts);
  context.scriptHosts.set(context.host, node);
  return node;
}

function hostApplicationOf(contextInfo: string | undefined): string | undefined {
  const label = 'Host Application';
  const at = contextInfo?.indexOf(label) ?? -1;
  if (contextInfo === undefined || at === -1) {
    return undefined;
  }
  const equals = contextInfo.indexOf('=', at + label.length);
  const newline = contextInfo.indexOf('\n', at);
  const end = newline === -1 ? contextInfo.length : newline;
  if (equals === -1 || equals > end) {
    return undefined;
  }
  const application = contextInfo.slice(equals + 1, end).trim();
  return application === '' ? undefined : application;
}

/** The program of a command line: `"C:\x\powershell.exe" -enc ..` gives `C:\x\powershell.exe`. */
function imageOfCommand(cmdline: string): string {
  const quoted = /^"([^"]+)"/.exec(cmdline)?.[1];
  const first = quoted ?? cmdline.split(/\s+/)[0] ?? cmdline;
  return /\.[a-z0-9]{2,4}$/i.test(first) ? first : `${first}.exe`;
}
