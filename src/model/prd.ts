/**
 * mdast → PRD model: the user stories (US-001 …) a PRD defines and whether each has acceptance criteria,
 * whatever the style: stories as headings, as table rows, or as bold list items / paragraphs.
 */
import type { Root, RootContent, Table, Heading, ListItem, Paragraph } from 'mdast';
import type { Node } from 'unist';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown/parse.js';
import { locOf } from './source.js';
import type { PrdModel, PrdStory } from './types.js';

const STORY = /\bUS-\d+\b/;
const CRITERIA = /acceptance criteria|\bgiven\b[\s\S]*\bwhen\b[\s\S]*\bthen\b|\bdone when\b/i;

function leadingStoryId(node: Node): { id: string; title: string } | null {
  const first = (node as Paragraph).children?.[0];
  const text = toString(node).trim();
  // (`s`: the text of a story that wraps onto more lines is one match; the title is its first line)
  const m = /^(?:story\s*)?(US-\d+)\b\s*[:—–.)-]?\s*(.*)$/is.exec(text);
  if (!m) return null;
  // In a paragraph, the id must be emphasised (bold / italic) or be the very start of the text.
  if (node.type === 'paragraph' && first && first.type !== 'strong' && first.type !== 'emphasis' && !/^US-\d+\s*[:—–-]/.test(text)) return null;
  return { id: m[1]!.toUpperCase(), title: m[2]!.split(/\r?\n/)[0]!.trim() };
}

export function extractPrd(text: string, relPath: string): PrdModel {
  return extractPrdFromTree(parseMarkdown(text), relPath);
}

export function extractPrdFromTree(root: Root, relPath: string): PrdModel {
  const stories: PrdStory[] = [];
  let title: string | null = null;
  /** The story whose body we are in (heading / paragraph styles), for criteria detection. */
  let open: { story: PrdStory; depth: number } | null = null;
  const seen = new Set<string>();

  const add = (s: PrdStory) => {
    if (seen.has(s.id)) return null;
    seen.add(s.id);
    stories.push(s);
    return s;
  };

  const markCriteria = (node: Node) => {
    if (open && !open.story.hasAcceptanceCriteria && CRITERIA.test(toString(node))) open.story.hasAcceptanceCriteria = true;
    // a checklist under a story counts as criteria
    if (open && node.type === 'list' && (node as unknown as { children: ListItem[] }).children.some((li) => typeof li.checked === 'boolean')) {
      open.story.hasAcceptanceCriteria = true;
    }
  };

  const onTable = (t: Table) => {
    const [head, ...rows] = t.children;
    if (!head) return;
    const h = head.children.map((c) => toString(c).trim().toLowerCase());
    const idCol = h.findIndex((x) => /^(story\s*)?id$|^story$|^us\s*id$/.test(x));
    const critCol = h.findIndex((x) => /acceptance|criteria/.test(x));
    const titleCol = h.findIndex((x, i) => i !== idCol && /story|summary|title|as a/.test(x));
    for (const r of rows) {
      const cells = r.children.map((c) => toString(c).trim());
      const col = idCol >= 0 ? idCol : cells.findIndex((c) => STORY.test(c));
      const idText = cells[col] ?? '';
      const m = STORY.exec(idText);
      if (!m) continue;
      add({
        id: m[0],
        loc: locOf(r.children[col] ?? r),
        title: titleCol >= 0 ? (cells[titleCol] ?? '') : '',
        hasAcceptanceCriteria: critCol >= 0 ? (cells[critCol] ?? '').replace(/^[-—–\s]*$|^(tbd|n\/a|none)$/i, '') !== '' : false,
        style: 'table',
      });
    }
  };

  const walk = (children: RootContent[]) => {
    for (const node of children) {
      if (node.type === 'heading') {
        const h = node as Heading;
        if (h.depth === 1 && title === null) title = toString(h).trim();
        if (open && h.depth <= open.depth) open = null;
        const s = leadingStoryId(h);
        if (s) {
          const story = add({ id: s.id, loc: locOf(h), title: s.title, hasAcceptanceCriteria: false, style: 'heading' });
          if (story) open = { story, depth: h.depth };
          continue;
        }
        markCriteria(h);
        continue;
      }
      if (node.type === 'table') {
        onTable(node);
        continue;
      }
      if (node.type === 'paragraph') {
        const s = leadingStoryId(node);
        if (s) {
          const story = add({ id: s.id, loc: locOf(node), title: s.title, hasAcceptanceCriteria: CRITERIA.test(toString(node)), style: 'paragraph' });
          if (story) open = { story, depth: open?.depth ?? 7 };
          continue;
        }
        markCriteria(node);
        continue;
      }
      if (node.type === 'list') {
        let handled = false;
        for (const li of node.children) {
          const first = li.children[0];
          const s = first && first.type === 'paragraph' ? leadingStoryId(first) : null;
          if (s) {
            handled = true;
            const story = add({ id: s.id, loc: locOf(li), title: s.title, hasAcceptanceCriteria: CRITERIA.test(toString(li)) || li.children.some((c) => c.type === 'list'), style: 'list' });
            if (story) open = { story, depth: open?.depth ?? 7 };
          }
        }
        if (!handled) markCriteria(node);
        continue;
      }
      if (node.type === 'blockquote') {
        walk(node.children);
        continue;
      }
      markCriteria(node);
    }
  };
  walk(root.children);
  return { filePath: relPath, title, stories };
}
