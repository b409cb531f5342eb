/**
 * path/absolute: paths are relative to the repository root — not absolute (`/etc/app.conf`, `C:\src\x.go`,
 * `~/x`) and not escaping the repository with `..`. Only the text is checked; nothing is read.
 */
import { defineRule } from '../types.js';
import { absoluteReason } from './classify.js';

export default defineRule({
  meta: {
    id: 'path/absolute',
    description: 'Paths are repository-relative: no absolute paths and no `..` escapes.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    for (const ref of ctx.spec.paths) {
      const reason = absoluteReason(ref.path, ctx.repo);
      if (!reason) continue;
      const owner = ref.taskId ? ` (${ref.taskId})` : '';
      ctx.report({
        message: `"${ref.path}"${owner} ${reason}; write the path relative to the repository root (e.g. \`internal/api/router.go\`).`,
        loc: ref.loc,
        key: `${ref.taskId ?? ref.source}:${ref.path}`,
      });
    }
  },
});
