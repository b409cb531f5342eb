/**
 * A small PRD story finder used only when the linter's PRD extractor (src/model/prd.ts) is not available:
 * story ids (US-001) in headings, table rows, list items or paragraphs, and whether the text that follows a
 * story, up to the next story, mentions acceptance criteria.
 */
import type { Loc, PrdModel, PrdStory } from '../model/types.js';

const STORY = /\bUS-\d{3,}\b/;

export function extractPrdFallback(text: string, relPath: string): PrdModel {
  const lines = text.split(/\r\n|\r|\n/);
  const stories: Array<PrdStory & { start: number }> = [];
  let title: string | null = null;
  let fence = false;
  lines.forEach((line, i) => {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) fence = !fence;
    if (fence) return;
    if (title === null) {
      const h = /^#\s+(.+?)\s*#*\s*$/.exec(line);
      if (h) title = h[1]!;
    }
    const m = STORY.exec(line);
    if (!m) return;
    const trimmed = line.trim();
    const style: PrdStory['style'] = /^#{1,6}\s/.test(trimmed)
      ? 'heading'
      : trimmed.startsWith('|')
        ? 'table'
        : /^([-*+]|\d+[.)])\s/.test(trimmed)
          ? 'list'
          : 'paragraph';
    // A story is defined where its id leads the line (heading, list item, first table cell, bold lead).
    const lead = trimmed.replace(/^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|\|\s*)/, '').replace(/^[*_`[]+/, '');
    if (!lead.startsWith(m[0])) return;
    const after = lead.slice(m[0].length).replace(/^[*_`\]]*\s*[:—–\-|.)]*\s*/, '');
    const storyTitle = (style === 'table' ? after.split('|')[0] ?? '' : after).replace(/[*_`]+/g, '').trim();
    const loc: Loc = { line: i + 1, column: line.indexOf(m[0]) + 1, endLine: i + 1, endColumn: line.indexOf(m[0]) + 1 + m[0].length };
    stories.push({ id: m[0], loc, title: storyTitle, hasAcceptanceCriteria: false, style, start: i });
  });
  for (let k = 0; k < stories.length; k++) {
    const s = stories[k]!;
    const end = k + 1 < stories.length ? stories[k + 1]!.start : lines.length;
    const body = lines.slice(s.start, end).join('\n');
    s.hasAcceptanceCriteria = /acceptance criteria|\bgiven\b[\s\S]*\bwhen\b[\s\S]*\bthen\b|- \[[ x]\]/i.test(body);
  }
  return {
    filePath: relPath,
    title,
    stories: stories.map(({ start: _start, ...s }) => s),
  };
}
