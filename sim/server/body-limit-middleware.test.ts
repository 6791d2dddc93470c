import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { openSimStore } from '../store/open-sim-store.ts';
import { THREAT_IDS } from '../store/testing/small-scenario.ts';
import { DEFAULT_MAX_BODY_BYTES } from './body-limit-middleware.ts';
import { createSimulatorApp } from './create-simulator-app.ts';
import { SimOptionsError } from './sim-options-error.ts';
import { ALICE_TOKEN, createTestSimulator } from './testing/test-simulator.ts';

const NOTES = '/web/api/v2.1/threats/notes';
const AUTH = { Authorization: `ApiToken ${ALICE_TOKEN}`, 'Content-Type': 'application/json' };
const TESTER_BODY_BYTES = 700 * 1024 * 1024;

function tooLarge(maxBytes: number) {
  return {
    errors: [
      {
        code: 4130010,
        title: 'Payload Too Large',
        detail: `Request body is larger than ${maxBytes} bytes`,
      },
    ],
  };
}

/** A body of `size` spaces made on demand, counting how much the server pulled. */
function lazyBody(size: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= size) {
        controller.close();
        return;
      }
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('request body limit', () => {
  it('answers 413 at once when Content-Length declares a 700 MB body', async () => {
    const { app } = createTestSimulator();
    const response = await app.request(NOTES, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Length': String(TESTER_BODY_BYTES) },
      body: '{}',
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge(DEFAULT_MAX_BODY_BYTES));
  });

  it('stops reading a 700 MB body without a length soon after the limit', async () => {
    const { app } = createTestSimulator();
    const body = lazyBody(TESTER_BODY_BYTES);
    const response = await app.request(NOTES, {
      method: 'POST',
      headers: AUTH,
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge(DEFAULT_MAX_BODY_BYTES));
    expect(body.pulled()).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 1024 * 1024);
  });

  it('takes its limit from the app options and accepts a body up to it', async () => {
    const note = JSON.stringify({ filter: { ids: [THREAT_IDS.powershell] }, data: { text: 'x' } });
    const { call } = createTestSimulator({ maxBodyBytes: note.length });
    const fits = await call('/threats/notes', { method: 'POST', body: note });
    expect(fits.json).toEqual({ data: { affected: 1 } });

    const over = await call('/threats/notes', { method: 'POST', body: `${note} ` });
    expect(over.status).toBe(413);
    expect(over.json).toEqual(tooLarge(note.length));
  });

  it('refuses a limit that is not a positive whole number of bytes', () => {
    const store = openSimStore();
    expect(() => createSimulatorApp({ store, maxBodyBytes: 0 })).toThrow(SimOptionsError);
    expect(() => createSimulatorApp({ store, maxBodyBytes: 1.5 })).toThrow(SimOptionsError);
  });

  it('answers a chunked upload over a real socket before the client has sent it all', async () => {
    const { app } = createTestSimulator();
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;

    let sent = 0;
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const upload = request({
        host: '127.0.0.1',
        port,
        path: NOTES,
        method: 'POST',
        headers: AUTH,
      });
      upload.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
        upload.destroy();
      });
      upload.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (sent < TESTER_BODY_BYTES && !upload.destroyed) {
          sent += chunk.length;
          if (!upload.write(chunk)) {
            upload.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });

    await new Promise((resolve) => server.close(resolve));
    expect(status).toBe(413);
    expect(sent).toBeLessThan(TESTER_BODY_BYTES / 10);
  });
});
