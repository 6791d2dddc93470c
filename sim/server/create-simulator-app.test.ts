import { describe, expect, it } from 'vitest';
import { openSimStore } from '../store/open-sim-store.ts';
import { THREAT_IDS } from '../store/testing/small-scenario.ts';
import { createSimulatorApp } from './create-simulator-app.ts';
import { SimOptionsError } from './sim-options-error.ts';
import { ALICE_TOKEN, createTestSimulator } from './testing/test-simulator.ts';

const AUTH_FAILED = {
  errors: [{ code: 4010010, detail: null, title: 'Authentication Failed' }],
};

describe('createSimulatorApp', () => {
  describe('authentication', () => {
    it('rejects a request without a token', async () => {
      const { app } = createTestSimulator();
      const response = await app.request('/web/api/v2.1/threats');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual(AUTH_FAILED);
    });

    it('rejects a wrong token', async () => {
      const { call } = createTestSimulator();
      const response = await call('/threats', { token: 'not-a-known-token' });
      expect(response.status).toBe(401);
      expect(response.json).toEqual(AUTH_FAILED);
    });

    it('rejects a Bearer token on REST endpoints', async () => {
      const { app } = createTestSimulator();
      const response = await app.request('/web/api/v2.1/threats', {
        headers: { Authorization: `Bearer ${ALICE_TOKEN}` },
      });
      expect(response.status).toBe(401);
    });

    it('accepts the "ApiToken <token>" form', async () => {
      const { call } = createTestSimulator();
      expect((await call('/system/status')).json).toEqual({ data: { health: 'ok' } });
    });

    it('accepts the "ApiToken:<token>" form some scripts send', async () => {
      const { app } = createTestSimulator();
      const response = await app.request('/web/api/v2.1/system/status', {
        headers: { Authorization: `ApiToken:${ALICE_TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { health: 'ok' } });
    });
  });

  describe('list envelope and paging', () => {
    it('wraps lists in data and pagination', async () => {
      const { call } = createTestSimulator();
      const { status, json } = await call('/threats');
      expect(status).toBe(200);
      expect(Object.keys(json)).toEqual(['data', 'pagination']);
      expect(json.data).toHaveLength(3);
      expect(json.pagination).toEqual({ nextCursor: null, totalItems: 3 });
    });

    it('pages through all threats one by one with cursors', async () => {
      const { call } = createTestSimulator();
      const seen: string[] = [];
      const cursors: (string | null)[] = [];
      let path = '/threats?limit=1';
      for (let guard = 0; guard < 10; guard++) {
        const { status, json } = await call(path);
        expect(status).toBe(200);
        expect(json.pagination.totalItems).toBe(3);
        seen.push(...json.data.map((threat: { id: string }) => threat.id));
        cursors.push(json.pagination.nextCursor);
        if (json.pagination.nextCursor === null) break;
        path = `/threats?limit=1&cursor=${encodeURIComponent(json.pagination.nextCursor)}`;
      }
      expect(seen).toEqual([THREAT_IDS.powershell, THREAT_IDS.ransomware, THREAT_IDS.webshell]);
      expect(cursors.map((cursor) => cursor === null)).toEqual([false, false, true]);
      expect(cursors[0]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    });

    it('accepts a cursor with a different limit', async () => {
      const { call } = createTestSimulator();
      const first = await call('/threats?limit=1');
      const cursor = encodeURIComponent(first.json.pagination.nextCursor);
      const rest = await call(`/threats?limit=5&cursor=${cursor}`);
      expect(rest.json.data.map((t: { id: string }) => t.id)).toEqual([
        THREAT_IDS.ransomware,
        THREAT_IDS.webshell,
      ]);
      expect(rest.json.pagination.nextCursor).toBeNull();
    });

    it('skips items with skip', async () => {
      const { call } = createTestSimulator();
      const { json } = await call('/threats?skip=2');
      expect(json.data.map((t: { id: string }) => t.id)).toEqual([THREAT_IDS.webshell]);
      expect(json.pagination.totalItems).toBe(3);
    });

    it('answers only the total with countOnly', async () => {
      const { call } = createTestSimulator();
      const { json } = await call('/threats?countOnly=true');
      expect(json).toEqual({ data: [], pagination: { nextCursor: null, totalItems: 3 } });
    });

    it('still hands out a next cursor with skipCount and reports no total', async () => {
      const { call } = createTestSimulator();
      const { json } = await call('/threats?skipCount=true&limit=2');
      expect(json.data).toHaveLength(2);
      expect(json.pagination.totalItems).toBe(0);
      expect(typeof json.pagination.nextCursor).toBe('string');
    });

    it.each([
      ['limit=0', 'Limit must be greater than or equals to 1 and less than equals to 1000'],
      ['limit=1001', 'Limit must be greater than or equals to 1 and less than equals to 1000'],
      ['limit=ten', 'Limit must be greater than or equals to 1 and less than equals to 1000'],
      ['skip=1001', 'Skip must be greater than or equals to 0 and less than equals to 1000'],
      ['skip=-1', 'Skip must be greater than or equals to 0 and less than equals to 1000'],
      ['countOnly=yes', 'countOnly must be true or false'],
      ['sortOrder=up', 'sortOrder has an invalid value "up"; allowed values are asc, desc'],
      [
        'sortBy=rank',
        'sortBy has an invalid value "rank"; allowed values are id, createdAt, updatedAt, ' +
          'classification',
      ],
    ])('rejects %s with a 400 saying why', async (query, detail) => {
      const { call } = createTestSimulator();
      const { status, json } = await call(`/threats?${query}`);
      expect(status).toBe(400);
      expect(json).toEqual({ errors: [{ code: 4000010, title: 'Validation Error', detail }] });
    });

    it('rejects a forged cursor', async () => {
      const { call } = createTestSimulator();
      const forged = Buffer.from('o:1:AAAAAAAAAAAAAAAAAAAAAAAA').toString('base64');
      const { status, json } = await call(`/threats?cursor=${encodeURIComponent(forged)}`);
      expect(status).toBe(400);
      expect(json.errors[0]).toEqual({
        code: 4000010,
        title: 'Validation Error',
        detail: 'Invalid cursor: it was not issued for this request',
      });
    });

    it('rejects a cursor that is not even base64 of a cursor', async () => {
      const { call } = createTestSimulator();
      expect((await call('/threats?cursor=%25%25%25')).status).toBe(400);
    });

    it('rejects a cursor from another endpoint', async () => {
      const { call } = createTestSimulator();
      const agents = await call('/agents?limit=1');
      const cursor = encodeURIComponent(agents.json.pagination.nextCursor);
      const { status } = await call(`/threats?limit=1&cursor=${cursor}`);
      expect(status).toBe(400);
    });

    it('rejects a cursor from the same endpoint with other filters', async () => {
      const { call } = createTestSimulator();
      const first = await call('/threats?limit=1');
      const cursor = encodeURIComponent(first.json.pagination.nextCursor);
      const { status } = await call(`/threats?limit=1&classifications=Malware&cursor=${cursor}`);
      expect(status).toBe(400);
    });

    it('ignores unknown query parameters like the console', async () => {
      const { call } = createTestSimulator();
      const { status, json } = await call('/threats?somethingNew=1&tenant=true');
      expect(status).toBe(200);
      expect(json.pagination.totalItems).toBe(3);
    });
  });

  describe('errors', () => {
    it('answers 404 with an error body for an unknown endpoint', async () => {
      const { call } = createTestSimulator();
      const { status, json } = await call('/no-such-thing');
      expect(status).toBe(404);
      expect(json).toEqual({
        errors: [
          {
            code: 4040010,
            title: 'Resource not found',
            detail: 'No such endpoint: GET /web/api/v2.1/no-such-thing',
          },
        ],
      });
    });

    it('rejects a malformed JSON body with a 400', async () => {
      const { call } = createTestSimulator();
      const { status, json } = await call('/threats/notes', { method: 'POST', body: '{"data": {' });
      expect(status).toBe(400);
      expect(json.errors[0].code).toBe(4000010);
      expect(json.errors[0].detail).toMatch(/^Request body is not valid JSON: /);
    });

    it('rejects an empty body with a 400', async () => {
      const { call } = createTestSimulator();
      const { status, json } = await call('/threats/analyst-verdict', { method: 'POST', body: '' });
      expect(status).toBe(400);
      expect(json.errors[0].detail).toBe('Request body is empty; expected a JSON object');
    });

    it('answers 500 with an error body when a handler fails unexpectedly', async () => {
      const { call, store } = createTestSimulator();
      store.db.exec('DROP TABLE threat_notes');
      const { status, json } = await call(`/threats/${THREAT_IDS.powershell}/notes`);
      expect(status).toBe(500);
      expect(json).toEqual({
        errors: [
          {
            code: 5000010,
            title: 'Internal Server Error',
            detail: 'The simulator failed to answer',
          },
        ],
      });
    });
  });

  describe('options', () => {
    it('refuses realism options it cannot run with, as a config error', () => {
      const store = openSimStore();
      let thrown: unknown;
      try {
        createSimulatorApp({ store, realism: { faults: { rate: 2 } } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SimOptionsError);
      expect((thrown as SimOptionsError).fault).toBe('config');
      expect((thrown as SimOptionsError).message).toBe(
        'invalid simulator options: realism.faults.rate: Too big: expected number to be <=1',
      );
    });

    it('refuses timing options it cannot run with', () => {
      const store = openSimStore();
      expect(() => createSimulatorApp({ store, timing: { networkChangeMs: -1 } })).toThrow(
        'invalid simulator options: timing.networkChangeMs: Too small: expected number to be >=0',
      );
    });
  });
});
