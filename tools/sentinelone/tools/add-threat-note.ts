import { z } from 'zod';

import { AI_DRAFT_HEADER } from '../../../policy/rules/ai-draft-note.ts';
import { previewThreats } from './preview-targets.ts';
import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { Affected, ThreatIds } from './tool-params.ts';

export const addThreatNote = defineSentinelOneTool({
  name: 'add_threat_note',
  description:
    'Post a note on threats in the SentinelOne console. Start the text with the line ' +
    `"${AI_DRAFT_HEADER}" so analysts know it is an unreviewed AI draft; without it, or ` +
    'with a link in it, the note waits for an analyst to approve it.',
  effect: 'write',
  input: z.strictObject({
    threatIds: ThreatIds,
    // The console client trims too; trimming here keeps the hash equal to what is posted.
    text: z.string().trim().min(1).max(10_000).describe('the note, starting with the draft header'),
  }),
  output: Affected,
  noteText: (input) => input.text,
  preview: ({ threatIds }, { reads, signal }) =>
    previewThreats({ reads: reads.sentinelone, threatIds, verb: 'adds a note to', signal }),
  execute: ({ threatIds, text }, { writes, signal }) =>
    writes.sentinelone.addThreatNote({ threatIds, text, signal }),
  async verify({ input, reads, signal }) {
    const missing: string[] = [];
    for (const threatId of input.threatIds) {
      let found = false;
      for await (const page of reads.sentinelone.iterateThreatNotes({
        threatId,
        limit: 1000,
        signal,
      })) {
        if (page.items.some((note) => note.text === input.text)) {
          found = true;
          break;
        }
      }
      if (!found) missing.push(threatId);
    }

    return missing.length === 0
      ? { verified: true, detail: `the note is listed on ${input.threatIds.length} threat(s)` }
      : {
          verified: false,
          detail: `the note is not listed on threat(s) ${missing.join(', ')}`,
          observed: { missing },
        };
  },
});
