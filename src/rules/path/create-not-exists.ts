/**
 * path/create-not-exists: a `Create:` path does not exist yet — neither in the repository (unless an earlier
 * task deletes it) nor as another task's `Create:`. The repository check is skipped for completed specs
 * unless `completed.checkExistence` is set; two creations of one path are reported regardless.
 */
import { defineRule } from '../types.js';
import { fileTimeline } from './timeline.js';

export default defineRule({
  meta: {
    id: 'path/create-not-exists',
    description: '`Create:` paths do not already exist in the repository, and no two tasks create the same path.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const useRepo = !ctx.isCompleted || ctx.config.completed.checkExistence;
    for (const t of fileTimeline(ctx.spec, ctx.repo, useRepo)) {
      const { task, entry, path, state } = t;
      if (entry.action !== 'create') continue;
      const key = `${task.id}:${path}`;
      if (state.kind === 'exists-in-repo') {
        ctx.report({
          message: `${task.id} creates \`${path}\`, which already exists in the repository; list it as \`Modify:\` with what changes, or choose a new path.`,
          loc: entry.loc,
          key,
        });
      } else if (state.kind === 'created-before') {
        const by = state.by === task ? `${task.id} already lists it` : `${state.by.id} already creates it`;
        ctx.report({
          message: `${task.id} creates \`${path}\`, but ${by}; create a file once and list it as \`Modify:\` in later tasks.`,
          loc: entry.loc,
          key: `${key}:duplicate`,
        });
      }
    }
  },
});
