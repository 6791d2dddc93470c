import { safeBlock, safeText } from '../document/safe-text.ts';
import type { TicketDocument, TicketInline } from '../document/ticket-document.ts';
import type { AdfBlock, AdfDocument, AdfInline, AdfText } from './adf.ts';

function inline(run: TicketInline): AdfText | null {
  const text = safeText(run.text);
  // ADF refuses empty text nodes.
  if (text === '') return null;
  if (run.style === 'plain') return { type: 'text', text };

  return { type: 'text', text, marks: [{ type: run.style }] };
}

function inlines(runs: readonly TicketInline[]): AdfInline[] {
  return runs.map(inline).filter((node) => node !== null);
}

function paragraph(content: AdfInline[]): AdfBlock {
  return { type: 'paragraph', content };
}

/**
 * Builds ADF node by node from a ticket document. Telemetry only ever becomes the
 * `text` of a text node (or a code block's text), so a string that looks like ADF,
 * wiki markup or HTML stays a string.
 */
export function toAdf(document: TicketDocument): AdfDocument {
  const content: AdfBlock[] = [];

  for (const block of document.blocks) {
    if (block.type === 'heading') {
      const text = inline({ text: block.text, style: 'plain' });
      content.push({ type: 'heading', attrs: { level: 3 }, content: text === null ? [] : [text] });
    } else if (block.type === 'paragraph') {
      content.push(paragraph(inlines(block.content)));
    } else if (block.type === 'bullets') {
      if (block.items.length === 0) continue;
      content.push({
        type: 'bulletList',
        content: block.items.map((item) => ({
          type: 'listItem',
          content: [paragraph(inlines(item))],
        })),
      });
    } else if (block.type === 'code') {
      const text = safeBlock(block.text);
      content.push({
        type: 'codeBlock',
        attrs: { language: 'text' },
        content: text === '' ? [] : [{ type: 'text', text }],
      });
    } else {
      // The URL is casebook's own (the case page), checked as http(s) by the schema.
      const text = safeText(block.text) || block.url;
      content.push(
        paragraph([{ type: 'text', text, marks: [{ type: 'link', attrs: { href: block.url } }] }]),
      );
    }
  }

  return { type: 'doc', version: 1, content };
}
