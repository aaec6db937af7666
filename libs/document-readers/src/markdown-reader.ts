import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import {
  type Block,
  type LineSpan,
  type SourceDocument,
  type Span,
  normaliseSpans,
} from './source-document.js';

/**
 * Markdown (.md) through mdast (with GitHub's tables and ~~strike-through~~): headings with
 * their depth, nested lists with their numbers, tables, and each block's lines in the file,
 * which are the lines the report accounts for.
 */
export function readMarkdown(text: string): SourceDocument {
  const normalised = text.replace(/\r\n?/g, '\n');
  const tree = fromMarkdown(normalised, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const blocks: Block[] = [];
  const linesOf = (node: Nodes): LineSpan => ({
    from: node.position?.start.line ?? 1,
    to: node.position?.end.line ?? node.position?.start.line ?? 1,
  });

  const visit = (node: RootContent, listLevel: number): void => {
    switch (node.type) {
      case 'heading':
        blocks.push({
          kind: 'heading',
          level: node.depth,
          spans: phrasing(node.children),
          lines: linesOf(node),
        });
        return;
      case 'paragraph':
        blocks.push({ kind: 'paragraph', spans: phrasing(node.children), lines: linesOf(node) });
        return;
      case 'html':
      case 'code':
        blocks.push({ kind: 'paragraph', spans: [{ text: node.value }], lines: linesOf(node) });
        return;
      case 'blockquote':
        node.children.forEach((c) => visit(c, listLevel));
        return;
      case 'list': {
        const start = node.start ?? 1;
        node.children.forEach((item, i) => {
          const marker = node.ordered ? `${start + i}.` : '•';
          let first = true;
          for (const child of item.children) {
            if (child.type === 'paragraph' && first) {
              blocks.push({
                kind: 'item',
                level: listLevel + 1,
                marker,
                spans: phrasing(child.children),
                lines: linesOf(child),
              });
              first = false;
            } else if (child.type === 'paragraph') {
              // A later paragraph of the same item continues it, as a line of its own.
              blocks.push({
                kind: 'item',
                level: listLevel + 1,
                spans: phrasing(child.children),
                lines: linesOf(child),
              });
            } else visit(child, listLevel + 1);
          }
        });
        return;
      }
      case 'table':
        blocks.push({
          kind: 'table',
          rows: node.children.map((row) => ({
            cells: row.children.map((cell) => ({ spans: phrasing(cell.children) })),
            lines: linesOf(row),
          })),
          lines: linesOf(node),
        });
        return;
      default:
        return; // thematic breaks, definitions, front matter: no text of the plan
    }
  };
  tree.children.forEach((c) => visit(c, 0));
  return { format: 'md', lines: normalised.split('\n'), blocks, notes: [] };
}

function phrasing(nodes: readonly PhrasingContent[], struck = false): Span[] {
  const out: Span[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'inlineCode':
        out.push({ text: n.value, ...(struck ? { struck } : {}) });
        break;
      case 'break':
        out.push({ text: '\n' });
        break;
      case 'delete':
        out.push(...phrasing(n.children, true));
        break;
      case 'strong':
      case 'emphasis':
      case 'link':
      case 'linkReference':
        out.push(...phrasing(n.children, struck));
        break;
      default:
        break;
    }
  }
  return normaliseSpans(out);
}
