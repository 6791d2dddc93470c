/**
 * What every casebook tool hands back to a model: a value, never a thrown error. `output`
 * is the data; `untrusted` lists the JSON paths in it holding attacker-controlled text,
 * which the prompt fences before a remote model reads them.
 */
export type AgentToolResult =
  | { status: 'ok'; tool: string; output: unknown; untrusted: string[] }
  | { status: string; tool: string; message: string; [key: string]: unknown };

export function okResult(tool: string, output: unknown, untrusted: string[] = []): AgentToolResult {
  return { status: 'ok', tool, output, untrusted };
}
