import { describe, expect, it } from 'vitest';

import { HOSTILE } from '../../../itsm/testing/sample-first-look.ts';
import { validateAdf } from '../../../sim/itsm/jira/validate-adf.ts';
import { toAdf } from '../jira/to-adf.ts';
import { neutraliseServiceNowText, toServiceNowText } from '../servicenow/to-servicenow-text.ts';
import type { TicketDocument } from './ticket-document.ts';

const hostile: TicketDocument = {
  blocks: [
    { type: 'heading', text: HOSTILE.noformat },
    {
      type: 'paragraph',
      content: [
        { text: 'cmd: ', style: 'strong' },
        { text: HOSTILE.codeTag, style: 'code' },
        { text: HOSTILE.table, style: 'plain' },
      ],
    },
    {
      type: 'bullets',
      items: [[{ text: HOSTILE.adf, style: 'code' }], [{ text: HOSTILE.rtl, style: 'plain' }]],
    },
    { type: 'code', text: `${HOSTILE.control}\n${HOSTILE.longLine}` },
    { type: 'paragraph', content: [{ text: '', style: 'plain' }] },
  ],
};

function textNodes(node: unknown): { text: string; marks?: unknown }[] {
  if (node === null || typeof node !== 'object') return [];
  const record = node as { type?: string; text?: string; content?: unknown[] };
  if (record.type === 'text') return [record as { text: string }];
  return (record.content ?? []).flatMap(textNodes);
}

describe('ADF from a ticket document', () => {
  it('is a valid document in which every hostile string is the text of one node', () => {
    const adf = toAdf(hostile);

    expect(validateAdf(adf)).toBeNull();
    const texts = textNodes(adf).map((node) => node.text);
    expect(texts).toContain(HOSTILE.codeTag);
    expect(texts).toContain(HOSTILE.noformat);
    expect(texts).toContain(HOSTILE.table.replace('\n', '\\u{a}'));
    expect(texts).toContain(HOSTILE.adf);
    // No node the telemetry spelled out exists in the structure.
    expect(JSON.stringify(adf.content.map((block) => block.type))).toBe(
      '["heading","paragraph","bulletList","codeBlock","paragraph"]',
    );
    expect(JSON.stringify(adf)).not.toMatch(/"type":"mention"/);
  });

  it('marks code as code, escapes control and bidi characters, and cuts long runs', () => {
    const adf = toAdf(hostile);
    const nodes = textNodes(adf);

    expect(nodes.find((node) => node.text === HOSTILE.codeTag)?.marks).toEqual([{ type: 'code' }]);
    expect(nodes.some((node) => node.text.includes('\u202e'))).toBe(false);
    expect(nodes.some((node) => node.text === 'invoice\\u{202e}fdp.exe')).toBe(true);
    const code = nodes.find((node) => node.text.startsWith('evil'))?.text ?? '';
    expect(code.startsWith('evil\\u{1b}[2Jcleared\\u{7}\\u{0}\npowershell -enc AAAA')).toBe(true);
    expect(code).toMatch(/… \(\d+ more characters\)$/);
    // Empty runs would make Jira reject the document; they are dropped.
    expect(adf.content[4]).toEqual({ type: 'paragraph', content: [] });
  });
});

describe('ServiceNow text from a ticket document', () => {
  it('never leaves a [code] tag or an HTML tag for a journal field to render', () => {
    const text = toServiceNowText(hostile);

    expect(text).not.toMatch(/\[\s*\/?\s*code[^\]]*\]/i);
    expect(text).not.toMatch(/<\/?script/i);
    expect(text).toContain('(code: code)‹script›alert(1)‹/script›(code: /code)');
    expect(text).toContain('invoice\\u{202e}fdp.exe');
    expect(text).not.toContain('\u001b');
  });

  it('catches the variants of the code tag an instance accepts', () => {
    for (const tag of ['[CODE]', '[ code ]', '[/Code]', '[code class=x]']) {
      expect(neutraliseServiceNowText(`a ${tag} b`)).not.toMatch(/\[\s*\/?\s*code/i);
    }
  });
});
