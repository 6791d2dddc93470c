import { z } from 'zod';

/** The subset of Atlassian Document Format casebook writes. */
export type AdfMark =
  | { type: 'strong' }
  | { type: 'code' }
  | { type: 'link'; attrs: { href: string } };
export type AdfText = { type: 'text'; text: string; marks?: AdfMark[] };
export type AdfInline = AdfText | { type: 'hardBreak' };
export type AdfBlock =
  | { type: 'heading'; attrs: { level: number }; content: AdfInline[] }
  | { type: 'paragraph'; content: AdfInline[] }
  | { type: 'bulletList'; content: { type: 'listItem'; content: AdfBlock[] }[] }
  | { type: 'codeBlock'; attrs: { language: string }; content: AdfText[] };
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

/** Reads an ADF document leniently (Jira returns more node types than casebook writes). */
export const AdfDocumentShape = z.looseObject({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(z.unknown()),
});

/** The plain text of an ADF document, for reading comments back into casebook. */
export function adfToPlainText(node: unknown): string {
  if (node === null || typeof node !== 'object') return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  if (type === 'text' && typeof text === 'string') return text;
  if (type === 'hardBreak') return '\n';
  const inner = Array.isArray(content) ? content.map(adfToPlainText) : [];
  const block = ['paragraph', 'heading', 'codeBlock', 'listItem'].includes(String(type));

  return block ? `${inner.join('')}\n` : inner.join('');
}
