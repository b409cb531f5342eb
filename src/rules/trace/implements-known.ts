/**
 * trace/implements-known: every id in a task's Implements line names a requirement of this spec — a story
 * of the PRD (or of the Story Mapping when the PRD cannot be read) or a row of the engineering requirements
 * table. Reported at the id itself.
 */
import { defineRule } from '../types.js';
import { isErId, isStoryId, listIds, traceIndex } from './shared.js';

export default defineRule({
  meta: {
    id: 'trace/implements-known',
    description: 'Every requirement id a task implements exists: a PRD story (Story Mapping) or an ER row.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec, prd } = ctx;
    if (spec.readErrors.length > 0) return;
    const index = traceIndex(spec, prd);
    const prdPath = prd.path ?? spec.prdPath?.value ?? 'the PRD';
    const stories = index.prdStories ?? new Set(index.storyRows.keys());
    const storySource = index.prdStories ? `a story of ${prdPath}` : 'in the Story Mapping';
    for (const task of spec.tasks) {
      const seen = new Set<string>();
      for (const ref of task.implements?.ids ?? []) {
        if (seen.has(ref.id)) continue;
        seen.add(ref.id);
        const key = `${task.id}:${ref.id}`;
        if (isStoryId(ref.id)) {
          if (stories.has(ref.id)) continue;
          const known = stories.size ? ` (known stories: ${listIds(stories)})` : '';
          ctx.report({ message: `${task.id} implements ${ref.id}, which is not ${storySource}${known}`, loc: ref.loc, key });
        } else if (isErId(ref.id)) {
          if (index.erRows.has(ref.id)) continue;
          const known = index.erRows.size ? ` (its rows: ${listIds(index.erRows.keys())})` : '';
          ctx.report({ message: `${task.id} implements ${ref.id}, which is not in the engineering requirements table${known}`, loc: ref.loc, key });
        } else {
          ctx.report({
            message: `${task.id} implements \`${ref.id}\`, which is not a requirement id: use a PRD story (US-001 …) or an engineering requirement (ER-001 …)`,
            loc: ref.loc,
            key,
          });
        }
      }
    }
  },
});
