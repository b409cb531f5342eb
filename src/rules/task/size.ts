/**
 * task/size: a task whose description runs past ~10 sentences is probably more than one commit's worth of
 * work ("If a task description exceeds 8-10 sentences, it's probably too large. Split it.").
 */
import { defineRule } from '../types.js';

export const DEFAULT_MAX_SENTENCES = 10;

export default defineRule({
  meta: {
    id: 'task/size',
    description: 'A task description longer than 10 sentences (option `maxSentences`) is probably too large a task.',
    defaultSeverity: 'warn',
  },
  check(ctx) {
    const opt = ctx.options?.['maxSentences'];
    const max = typeof opt === 'number' && Number.isFinite(opt) && opt >= 1 ? Math.floor(opt) : DEFAULT_MAX_SENTENCES;
    for (const task of ctx.spec.tasks) {
      const d = task.description;
      if (!d || d.sentences <= max) continue;
      ctx.report({
        message: `${task.id}'s description has ${d.sentences} sentences (more than ${max}); a task should be one reviewable commit — split it into smaller tasks.`,
        loc: d.loc,
        key: `${task.id}:size`,
      });
    }
  },
});
