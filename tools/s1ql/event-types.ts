/**
 * Deep Visibility event types (S1QL `EventType`, v2 `event.type`) and the object type
 * (`ObjectType`, `event.category`) each belongs to.
 */
export const EVENT_TYPES = {
  'Process Creation': 'process',
  'Process Exit': 'process',
  'Process Modification': 'process',
  'Process Termination': 'process',
  'Duplicate Process Handle': 'cross_process',
  'Duplicate Thread Handle': 'cross_process',
  'Open Remote Process Handle': 'cross_process',
  'Remote Thread Creation': 'cross_process',
  'Remote Process Termination': 'cross_process',
  'Command Script': 'command_script',
  'IP Connect': 'ip',
  'IP Listen': 'ip',
  'File Creation': 'file',
  'File Modification': 'file',
  'File Scan': 'file',
  'File Deletion': 'file',
  'File Rename': 'file',
  'Pre Execution Detection': 'file',
  Login: 'logins',
  Logout: 'logins',
  GET: 'url',
  OPTIONS: 'url',
  POST: 'url',
  PUT: 'url',
  DELETE: 'url',
  CONNECT: 'url',
  HEAD: 'url',
  'DNS Resolved': 'dns',
  'DNS Unresolved': 'dns',
  'Task Register': 'scheduled_task',
  'Task Update': 'scheduled_task',
  'Task Start': 'scheduled_task',
  'Task Trigger': 'scheduled_task',
  'Task Delete': 'scheduled_task',
  'Registry Key Create': 'registry',
  'Registry Key Rename': 'registry',
  'Registry Key Delete': 'registry',
  'Registry Key Export': 'registry',
  'Registry Key Security Changed': 'registry',
  'Registry Key Import': 'registry',
  'Registry Value Modified': 'registry',
  'Registry Value Create': 'registry',
  'Registry Value Delete': 'registry',
  'Behavioral Indicators': 'indicators',
  'Module Load': 'module',
  'Named Pipe Creation': 'named_pipe',
  'Named Pipe Connection': 'named_pipe',
  'Driver Load': 'driver',
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type ObjectType = (typeof EVENT_TYPES)[EventType];

export const OBJECT_TYPES: readonly ObjectType[] = [...new Set(Object.values(EVENT_TYPES))];

export function objectTypeOf(eventType: EventType): ObjectType {
  return EVENT_TYPES[eventType];
}

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}
