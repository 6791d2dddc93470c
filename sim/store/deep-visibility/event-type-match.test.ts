import { describe, expect, it } from 'vitest';
import { matchEventType } from './event-type-match.ts';

describe('matchEventType', () => {
  it.each([
    ['process', { column: 'event_category', value: 'process' }],
    ['DNS', { column: 'event_category', value: 'dns' }],
    ['scheduled_task', { column: 'event_category', value: 'scheduled_task' }],
    ['scheduled-task', { column: 'event_category', value: 'scheduled_task' }],
    ['indicators', { column: 'event_category', value: 'indicators' }],
    ['Process Creation', { column: 'event_type', value: 'Process Creation' }],
    ['ip connect', { column: 'event_type', value: 'IP Connect' }],
    ['GET', { column: 'event_type', value: 'GET' }],
  ])('reads %s', (text, expected) => {
    expect(matchEventType(text)).toEqual(expected);
  });

  it('knows nothing of other names', () => {
    expect(matchEventType('Teleport')).toBeUndefined();
  });
});
