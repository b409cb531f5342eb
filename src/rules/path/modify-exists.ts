/**
 * path/modify-exists: a `Modify:` (or `Delete:`) path exists — in the repository, or because an earlier
 * task of the same spec creates it. Specs under the completed-specs directory are skipped (their files
 * changed since) unless `completed.checkExistence` is set.
 */
import { defineRule } from '../types.js';
import { fileTimeline } from './timeline.js';

export default defineRule({
  meta: {
    id: 'path/modify-exists',
    description: '`Modify:` paths exist in the repository or are created by an earlier task of the spec.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (ctx.isCompleted && !ctx.config.completed.checkExistence) return;
    for (const t of fileTimeline(ctx.spec, ctx.repo, true)) {
      const { task, entry, path, state } = t;
      if (entry.action !== 'modify' && entry.action !== 'delete') continue;
      const verb = entry.action === 'modify' ? 'modifies' : 'deletes';
      const key = `${task.id}:${path}`;
      if (state.kind === 'missing') {
        ctx.report({
          message: `${task.id} ${verb} \`${path}\`, which does not exist in the repository and no earlier task creates; fix the path, or list it as \`Create:\` if the task makes it.`,
          loc: entry.loc,
          key,
        });
      } else if (state.kind === 'created-later') {
        ctx.report({
          message: `${task.id} ${verb} \`${path}\`, but ${state.by.id} only creates it later; move the creation before ${task.id} (reorder the tasks) or create it in ${task.id}.`,
          loc: entry.loc,
          key,
        });
      } else if (state.kind === 'deleted-by') {
        ctx.report({
          message: `${task.id} ${verb} \`${path}\`, which ${state.by.id} deletes earlier; drop this entry or re-create the file first.`,
          loc: entry.loc,
          key,
        });
      }
    }
  },
});
