import { z } from 'zod';

import { defineSentinelOneTool } from './sentinelone-capabilities.ts';
import { ThreatId } from './tool-params.ts';

export const listThreatNotes = defineSentinelOneTool({
  name: 'list_threat_notes',
  description: 'Fetch the notes analysts (and casebook) left on a threat, oldest first.',
  effect: 'read',
  input: z.strictObject({
    threatId: ThreatId,
    limit: z.number().int().min(1).max(200).default(50).describe('most notes to return'),
  }),
  output: z.strictObject({
    threatId: z.string(),
    notes: z.array(
      z.strictObject({
        id: z.string(),
        text: z.string(),
        createdAt: z.string(),
        creator: z.string().nullable(),
      }),
    ),
  }),
  // A note can quote telemetry, or be an earlier AI draft written under injection.
  untrusted: (output) => output.notes.map((_, index) => `notes[${index}].text`),
  async execute({ threatId, limit }, { reads, signal }) {
    const notes = [];
    for await (const page of reads.sentinelone.iterateThreatNotes({ threatId, limit, signal })) {
      for (const note of page.items) {
        if (notes.length < limit) {
          notes.push({
            id: note.id,
            text: note.text,
            createdAt: note.createdAt,
            creator: note.creator,
          });
        }
      }
      if (notes.length >= limit) break;
    }

    return { threatId, notes };
  },
});
