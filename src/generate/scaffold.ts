/**
 * `spec new --scaffold`: the offline document. The skeleton template with the header filled in, every PRD
 * story in the Story Mapping and one placeholder task per story (or one ER and one task for an
 * engineering-initiated spec). Its placeholders are what `spec lint` flags until a person fills them.
 */
import type { TemplateSet } from './prompts.js';
import type { EngineeringInput, PrdInput } from './input.js';

export interface ScaffoldInput {
  header: { author: string; date: string };
  prd?: PrdInput;
  engineering?: EngineeringInput;
}

/** Escapes text for a GFM table cell. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

export function renderScaffold(templates: TemplateSet, input: ScaffoldInput): string {
  const taskId = (n: number) => `T-${String(n).padStart(3, '0')}`;
  let data: Record<string, unknown>;
  if (input.prd) {
    const seen = new Set<string>();
    const stories = input.prd.model.stories.filter((s) => !seen.has(s.id) && seen.add(s.id));
    data = {
      scaffold: true,
      title: input.prd.model.title?.replace(/^(PRD|Product Requirements( Document)?)\s*[:—–-]\s*/i, '').trim() || '[Feature Name]',
      type: 'PRD-driven',
      prdPath: input.prd.relPath,
      stories: stories.map((s, i) => ({ id: s.id, summary: cell(s.title) || '[Brief description from PRD]', tasks: taskId(i + 1) })),
      tasks: stories.map((s, i) => ({ id: taskId(i + 1), implements: s.id, summary: s.title })),
    };
  } else {
    data = {
      scaffold: true,
      title: input.engineering?.title ?? '[Feature Name]',
      type: 'Engineering-initiated',
      prdPath: null,
      stories: null,
      tasks: [{ id: taskId(1), implements: 'ER-001', summary: '' }],
    };
  }
  return templates.render('tech-spec', { ...data, author: input.header.author, date: input.header.date });
}
