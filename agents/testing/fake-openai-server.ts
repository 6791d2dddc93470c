import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Playbook } from '../models/offline/playbook.ts';
import { createFakeOpenAI, type FakeOpenAI } from './fake-openai.ts';

export interface FakeOpenAIServer {
  /** The API's base URL, for `openai-compatible:<baseURL>#<model>`. */
  baseURL: string;
  /** Every chat-completions request body received, in order. */
  requests: FakeOpenAI['requests'];
  /** Authorization headers received, in order. */
  authorizations: FakeOpenAI['authorizations'];
  /** Method and path of every HTTP request that reached the server, in order. */
  hits: string[];
  close: () => Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The scripted OpenAI chat-completions API (`createFakeOpenAI`) behind a real HTTP server
 * on 127.0.0.1 and a free port, so a provider reaches it with its own fetch, over a socket,
 * the way it reaches Ollama or vLLM. Only POST /v1/chat/completions is answered.
 */
export async function startFakeOpenAIServer({
  playbookFor,
}: {
  playbookFor: (tools: readonly string[]) => Playbook;
}): Promise<FakeOpenAIServer> {
  const fake = createFakeOpenAI({ playbookFor });
  const hits: string[] = [];

  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    const answer = async () => {
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const reply = await fake.fetch(`http://127.0.0.1${request.url}`, {
        method: 'POST',
        headers,
        body: await bodyOf(request),
      });
      response.writeHead(reply.status, Object.fromEntries(reply.headers)).end(await reply.text());
    };
    // A playbook that throws is a broken test: answer 500 so the run fails with the reason.
    answer().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests: fake.requests,
    authorizations: fake.authorizations,
    hits,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
