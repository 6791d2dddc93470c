import { z } from 'zod';

import { toolFactory } from '../../tools/registry/define-tool.ts';

/**
 * A console double for policy tests: notes and endpoint isolation in memory, and a log
 * of every write that reached it, which is what the tests count.
 */
export function createFakeConsole({ lies = false }: { lies?: boolean } = {}) {
  const notes: string[] = [];
  const isolated = new Set<string>();
  const writes: { method: string; args: unknown }[] = [];
  let failNext = false;

  const reads = {
    listNotes: async () => [...notes],
    isIsolated: async (id: string) => isolated.has(id),
    lookup: async (id: string) => ({ id, hostname: `host-${id}` }),
  };
  const mutations = {
    addNote: async (text: string) => {
      writes.push({ method: 'addNote', args: { text } });
      if (failNext) {
        failNext = false;
        throw new Error('console answered 500');
      }
      notes.push(text);
      return { affected: 1 };
    },
    isolate: async (ids: string[]) => {
      writes.push({ method: 'isolate', args: { ids } });
      // A console that lies accepts the call and does nothing.
      if (!lies) for (const id of ids) isolated.add(id);
      return { affected: ids.length };
    },
  };

  return {
    capabilities: { reads: { fake: reads }, writes: { fake: mutations } },
    notes,
    isolated,
    writes,
    failNextWrite: () => {
      failNext = true;
    },
  };
}

export type FakeCapabilities = ReturnType<typeof createFakeConsole>['capabilities'];

const defineFakeTool = toolFactory<FakeCapabilities>();

export const fakeLookup = defineFakeTool({
  name: 'lookup_host',
  description: 'Look a host up.',
  effect: 'read',
  input: z.strictObject({ id: z.string().min(1) }),
  output: z.strictObject({ id: z.string(), hostname: z.string() }),
  untrusted: () => ['hostname'],
  execute: ({ id }, { reads }) => reads.fake.lookup(id),
});

export const fakeNote = defineFakeTool({
  name: 'post_note',
  description: 'Post a note.',
  effect: 'write',
  input: z.strictObject({ text: z.string().min(1) }),
  output: z.strictObject({ affected: z.number() }),
  noteText: ({ text }) => text,
  preview: async () => ({
    summary: 'posts one note',
    threats: [{ id: '100', threatName: 'x', agentId: null }],
  }),
  execute: ({ text }, { writes }) => writes.fake.addNote(text),
  async verify({ input, reads }) {
    const listed = (await reads.fake.listNotes()).includes(input.text);
    return { verified: listed, detail: listed ? 'the note is listed' : 'the note is missing' };
  },
});

export const fakeIsolate = defineFakeTool({
  name: 'isolate_hosts',
  description: 'Isolate hosts.',
  effect: 'containment',
  input: z.strictObject({ ids: z.array(z.string().min(1)).min(1) }),
  output: z.strictObject({ affected: z.number() }),
  preview: async ({ ids }) => ({
    summary: `isolates ${ids.length} host(s)`,
    endpoints: ids.map((id) => ({ id, computerName: `host-${id}`, networkStatus: 'connected' })),
  }),
  execute: ({ ids }, { writes }) => writes.fake.isolate(ids),
  async verify({ input, reads }) {
    const states = await Promise.all(input.ids.map((id) => reads.fake.isIsolated(id)));
    const verified = states.every(Boolean);
    return { verified, detail: verified ? 'all isolated' : 'still connected' };
  },
});

export const FAKE_TOOLS = [fakeLookup, fakeNote, fakeIsolate];
