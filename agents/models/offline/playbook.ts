import { type Conversation, callsOf } from './conversation.ts';

/** What the offline model does next: call a tool, or answer. */
export type Turn =
  | { kind: 'call'; tool: string; input: Record<string, unknown> }
  | { kind: 'answer'; text: string };

/**
 * One agent's rules: from the conversation so far (task, tool results), the next turn.
 * A playbook is a pure function, so the same conversation always gets the same turn. It
 * reads tool results as data and never takes direction from their contents.
 */
export type Playbook = (conversation: Conversation) => Turn;

export function call(tool: string, input: Record<string, unknown>, reason: string): Turn {
  return { kind: 'call', tool, input: { ...input, reason } };
}

export function answer(value: unknown): Turn {
  return { kind: 'answer', text: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** The answer of a playbook that cannot go on; not JSON, so it never passes as a finding. */
export function cannotContinue(why: string): Turn {
  return { kind: 'answer', text: `The offline model stopped: ${why}` };
}

/** The turn `make` gives, when the tool is offered and was not called yet. */
export function once(conversation: Conversation, tool: string, make: () => Turn): Turn | undefined {
  if (!conversation.tools.includes(tool) || callsOf(conversation, tool).length > 0)
    return undefined;
  return make();
}
