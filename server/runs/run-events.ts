import type { RunStep } from '../../agents/run/run-step.ts';
import type { RunFailureView, RunStatus } from './run-request.ts';

/**
 * What a run's event stream carries: the run moving through the queue, each step as it
 * is recorded (numbered as the stored steps are), and one final event.
 */
export type RunEvent =
  | { type: 'status'; status: RunStatus }
  | { type: 'step'; seq: number; step: RunStep }
  | { type: 'end'; status: 'succeeded' | 'failed'; failure: RunFailureView | null };

export type RunEventListener = (event: RunEvent) => void;

/** In-process fan-out of run events to the streams watching them. */
export interface RunEvents {
  publish(runId: string, event: RunEvent): void;
  /** Returns the function that stops the subscription. */
  subscribe(runId: string, listener: RunEventListener): () => void;
}

export function createRunEvents(): RunEvents {
  const listeners = new Map<string, Set<RunEventListener>>();

  return {
    publish(runId, event) {
      for (const listener of listeners.get(runId) ?? []) listener(event);
    },
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set();
      set.add(listener);
      listeners.set(runId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(runId);
      };
    },
  };
}
