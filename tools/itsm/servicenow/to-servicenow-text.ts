import { safeBlock, safeText } from '../document/safe-text.ts';
import type { TicketDocument, TicketInline } from '../document/ticket-document.ts';

// `[code]…[/code]` switches a journal entry to raw HTML on instances that allow it.
const CODE_TAG = /\[(\s*\/?\s*code\b[^\]]*)\]/gi;

/**
 * Text that ServiceNow shows as text: `[code]` tags broken open and angle brackets
 * swapped for look-alike quotation marks, so no journal field or form renders HTML
 * from telemetry, plus the escapes of `safeText`.
 */
export function neutraliseServiceNowText(text: string, { block = false } = {}): string {
  return (block ? safeBlock(text) : safeText(text))
    .replace(CODE_TAG, '(code: $1)')
    .replaceAll('<', '\u2039')
    .replaceAll('>', '\u203a');
}

function line(runs: readonly TicketInline[]): string {
  return runs
    .map((run) => {
      const text = neutraliseServiceNowText(run.text);
      if (run.style === 'code') return `\`${text}\``;
      if (run.style === 'strong') return text.toUpperCase() === text ? text : `*${text}*`;
      return text;
    })
    .join('');
}

/** A ticket document as plain ServiceNow text (description, work notes, comments). */
export function toServiceNowText(document: TicketDocument): string {
  const parts: string[] = [];

  for (const block of document.blocks) {
    if (block.type === 'heading') {
      parts.push(`== ${neutraliseServiceNowText(block.text)} ==`);
    } else if (block.type === 'paragraph') {
      parts.push(line(block.content));
    } else if (block.type === 'bullets') {
      parts.push(block.items.map((item) => `  - ${line(item)}`).join('\n'));
    } else if (block.type === 'code') {
      const text = neutraliseServiceNowText(block.text, { block: true });
      parts.push(
        text
          .split('\n')
          .map((row) => `    ${row}`)
          .join('\n'),
      );
    } else {
      parts.push(`${neutraliseServiceNowText(block.text)}: ${block.url}`);
    }
  }

  return parts.join('\n\n');
}
