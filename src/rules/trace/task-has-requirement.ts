/**
 * trace/task-has-requirement: every task implements at least one requirement (a US-… story or an ER-…
 * requirement). A task without an Implements field, or with an empty one, is task/fields' finding.
 */
import { defineRule } from '../types.js';

export default defineRule({
  meta: {
    id: 'trace/task-has-requirement',
    description: 'Every task implements at least one requirement (US-… or ER-…).',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const { spec } = ctx;
    if (spec.readErrors.length > 0) return;
    const kind = spec.type === 'PRD-driven' ? 'a PRD story (US-001 …)' : spec.type === 'Engineering-initiated' ? 'an engineering requirement (ER-001 …)' : 'a requirement (US-001 … or ER-001 …)';
    for (const task of spec.tasks) {
      const impl = task.implements;
      if (!impl || impl.ids.length > 0) continue;
      // `[US-XXX or ER-XXX]` is an unfilled placeholder: template/placeholder reports it
      if (/^\s*\[[^\]]*\]\s*$/.test(impl.text)) continue;
      // an empty value is task/fields' finding
      if (impl.text.replace(/[\s*_`]/g, '') === '') continue;
      const written = impl.text.trim();
      ctx.report({
        message: `${task.id} implements no requirement (\`${written.length > 40 ? written.slice(0, 40) + '…' : written}\`): name ${kind} it serves, or remove the task if it serves none`,
        loc: impl.valueLoc,
        key: task.id,
      });
    }
  },
});
