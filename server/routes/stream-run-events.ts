import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

import type { ServerEnv } from '../auth/auth-context.ts';
import type { RunEvent } from '../runs/run-events.ts';
import type { ServerDeps } from '../server-deps.ts';
import { listRunSteps } from '../store/run-steps.ts';
import { loadRunView } from '../store/run-views.ts';

const FINISHED = new Set(['succeeded', 'failed']);

/**
 * A run's events as server-sent events: its current status, the steps stored so far
 * (after `after`), then each new step as it is recorded, then `end`, then the stream
 * closes. It subscribes before reading the store, so no step falls between replay and
 * live; a step seen twice is sent once (by its number). Each heartbeat also re-reads
 * the run, so a run another process finishes, or a crash ends, still closes the stream.
 */
export function streamRunEvents({
  deps,
  context,
  tenantId,
  runId,
  after,
}: {
  deps: ServerDeps;
  context: Context<ServerEnv>;
  tenantId: string;
  runId: string;
  after: number;
}): Response {
  const { db } = deps.store;

  return streamSSE(context, async (stream) => {
    let lastSeq = after;
    let ended = false;
    let replaying = true;
    let chain = Promise.resolve();
    const buffered: RunEvent[] = [];
    let finish = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });

    const send = async (event: RunEvent) => {
      if (ended) return;
      if (event.type === 'step') {
        if (event.seq <= lastSeq) return;
        lastSeq = event.seq;
        await stream.writeSSE({
          event: 'step',
          id: String(event.seq),
          data: JSON.stringify({ seq: event.seq, ...event.step }),
        });
        return;
      }
      if (event.type === 'status') {
        await stream.writeSSE({ event: 'status', data: JSON.stringify({ status: event.status }) });
        return;
      }
      ended = true;
      await stream.writeSSE({
        event: 'end',
        data: JSON.stringify({ status: event.status, failure: event.failure }),
      });
      finish();
    };
    const enqueue = (event: RunEvent) => {
      chain = chain
        .then(() => send(event))
        .catch(() => {
          ended = true;
          finish();
        });
    };
    const catchUp = () => {
      const view = loadRunView(db, { tenantId, id: runId });
      if (view === undefined) return;
      for (const { seq, ...step } of view.steps) enqueue({ type: 'step', seq, step });
      if (FINISHED.has(view.status)) {
        enqueue({
          type: 'end',
          status: view.status as 'succeeded' | 'failed',
          failure: view.failure,
        });
      }
    };

    const unsubscribe = deps.events.subscribe(runId, (event) => {
      if (replaying) buffered.push(event);
      else enqueue(event);
    });
    stream.onAbort(() => {
      ended = true;
      finish();
    });
    const heartbeat = setInterval(() => {
      chain = chain
        .then(async () => {
          if (ended) return;
          await stream.write(': heartbeat\n\n');
          catchUp();
        })
        .catch(() => {
          ended = true;
          finish();
        });
    }, deps.settings.heartbeatMs);

    try {
      const view = loadRunView(db, { tenantId, id: runId });
      if (view !== undefined) enqueue({ type: 'status', status: view.status });
      for (const numbered of listRunSteps(db, { tenantId, runId })) {
        enqueue({ type: 'step', ...numbered });
      }
      replaying = false;
      for (const event of buffered) enqueue(event);
      if (view !== undefined && FINISHED.has(view.status)) catchUp();

      await done;
      await chain;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
    }
  });
}
