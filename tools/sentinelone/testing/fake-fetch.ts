import type { FetchLike } from '../transport/transport.ts';

/** What the fake answers to one call, in order. */
export type ScriptedReply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; text: string; headers?: Record<string, string> }
  /** Rejects the way fetch does when the socket fails. */
  | { networkError: Error }
  /** Never answers; rejects only when the request's signal aborts. */
  | { hang: true };

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface FakeFetch {
  fetch: FetchLike;
  calls: RecordedCall[];
  /** Appends replies to the script. */
  reply(...replies: ScriptedReply[]): void;
  /** Replies still unused; a finished test expects zero. */
  pending(): number;
}

/** A scripted stand-in for fetch: answers from a queue and records every request. */
export function createFakeFetch(...initial: ScriptedReply[]): FakeFetch {
  const queue: ScriptedReply[] = [...initial];
  const calls: RecordedCall[] = [];

  const fetch: FetchLike = async (url, init) => {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({
      method: init.method ?? 'GET',
      url: new URL(url),
      headers: new Headers(init.headers),
      body,
    });

    const next = queue.shift();
    if (next === undefined) {
      throw new Error(`fake fetch has no reply scripted for call ${calls.length}: ${url}`);
    }
    if ('networkError' in next) {
      throw next.networkError;
    }
    if ('hang' in next) {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init.signal;
        if (signal === null || signal === undefined) {
          return;
        }
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    const status = next.status ?? 200;
    const text = 'json' in next ? JSON.stringify(next.json) : next.text;
    const headers = new Headers(next.headers);
    if ('json' in next && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    return new Response(status === 204 ? null : text, { status, headers });
  };

  return {
    fetch,
    calls,
    reply: (...replies) => {
      queue.push(...replies);
    },
    pending: () => queue.length,
  };
}
