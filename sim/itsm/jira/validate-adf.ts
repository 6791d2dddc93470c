const BLOCKS = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'codeBlock',
  'blockquote',
  'rule',
  'panel',
]);
const MARKS = new Set([
  'strong',
  'em',
  'code',
  'link',
  'strike',
  'underline',
  'subsup',
  'textColor',
]);

type Problem = string | null;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function inline(node: unknown, path: string): Problem {
  if (!isObject(node)) return `${path} is not a node`;
  if (node.type === 'hardBreak') return null;
  if (node.type !== 'text') return `${path}: ${String(node.type)} is not an inline node`;
  if (typeof node.text !== 'string' || node.text === '') return `${path}: text must be non-empty`;
  if (node.marks === undefined) return null;
  if (!Array.isArray(node.marks)) return `${path}.marks must be an array`;
  const types = node.marks.map((mark) => (isObject(mark) ? mark.type : undefined));
  for (const [i, mark] of node.marks.entries()) {
    if (!isObject(mark) || !MARKS.has(String(mark.type))) return `${path}.marks[${i}] is unknown`;
    if (mark.type === 'link') {
      const href = isObject(mark.attrs) ? mark.attrs.href : undefined;
      if (typeof href !== 'string') return `${path}.marks[${i}] link needs attrs.href`;
    }
  }
  // Code text takes no formatting but a link.
  if (types.includes('code') && types.some((type) => type !== 'code' && type !== 'link')) {
    return `${path}: the code mark cannot be combined with ${types.join(', ')}`;
  }
  return null;
}

function children(
  node: Record<string, unknown>,
  path: string,
  each: (child: unknown, p: string) => Problem,
): Problem {
  if (node.content === undefined) return null;
  if (!Array.isArray(node.content)) return `${path}.content must be an array`;
  for (const [i, child] of node.content.entries()) {
    const problem = each(child, `${path}.content[${i}]`);
    if (problem !== null) return problem;
  }
  return null;
}

function block(node: unknown, path: string): Problem {
  if (!isObject(node)) return `${path} is not a node`;
  const type = String(node.type);
  if (!BLOCKS.has(type)) return `${path}: ${type} is not a block node`;

  if (type === 'paragraph') return children(node, path, inline);
  if (type === 'heading') {
    const level = isObject(node.attrs) ? node.attrs.level : undefined;
    if (typeof level !== 'number' || level < 1 || level > 6)
      return `${path} needs attrs.level 1..6`;
    return children(node, path, inline);
  }
  if (type === 'codeBlock') {
    return children(node, path, (child, p) => {
      if (!isObject(child) || child.type !== 'text' || child.marks !== undefined) {
        return `${p}: a code block holds unmarked text only`;
      }
      return inline(child, p);
    });
  }
  if (type === 'bulletList' || type === 'orderedList') {
    if (!Array.isArray(node.content) || node.content.length === 0)
      return `${path} needs list items`;
    return children(node, path, (child, p) => {
      if (!isObject(child) || child.type !== 'listItem') return `${p} is not a listItem`;
      return children(child, p, block);
    });
  }
  if (type === 'rule') return node.content === undefined ? null : `${path}: rule has no content`;
  return children(node, path, block);
}

/**
 * Checks a value is an Atlassian Document the way Jira does before storing it: a `doc`
 * of version 1 whose nodes are known and well nested. Returns the first problem found.
 */
export function validateAdf(value: unknown): Problem {
  if (!isObject(value) || value.type !== 'doc' || value.version !== 1) {
    return 'not a document of type doc, version 1';
  }
  if (!Array.isArray(value.content)) return 'doc.content must be an array';
  return children(value, 'doc', block);
}
