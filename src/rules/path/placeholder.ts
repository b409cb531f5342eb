/**
 * path/placeholder: every path a spec names — in a task's Files, in the component tables, in the migration
 * headings and order table — is an exact path, not a template token (`[path]`, `<path>`, `path/to/…`,
 * `...`), a pattern, or a description of a place ("somewhere in the api folder"). Route files whose names
 * contain brackets (`app/[id]/page.tsx`, `routes/[token].tsx`) are exact paths.
 */
import { defineRule } from '../types.js';
import type { PathRef } from '../../model/types.js';
import { absoluteReason, placeholderReason } from './classify.js';

function where(ref: PathRef): string {
  switch (ref.source) {
    case 'task-create':
    case 'task-modify':
    case 'task-delete':
    case 'task-other':
      return `${ref.taskId}'s Files`;
    case 'component-table':
      return ref.context ? `the "${ref.context}" table` : 'a component table';
    case 'migration-heading':
      return 'the migration heading';
    case 'migration-order':
      return 'the migration order table';
  }
}

export default defineRule({
  meta: {
    id: 'path/placeholder',
    description: 'Paths are exact: no template placeholders (`[path]`, `<path>`, `path/to/…`, `...`), patterns or vague places.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    for (const task of ctx.spec.tasks) {
      for (const e of task.files?.entries ?? []) {
        if (e.path.trim() !== '') continue;
        const label = e.actionText ? `"${e.actionText}:"` : 'an entry';
        ctx.report({
          message: `${task.id}'s Files has ${label} with no path; write the exact file, e.g. \`Create: internal/api/invites.go\`.`,
          loc: e.lineLoc,
          key: `${task.id}:empty-path`,
        });
      }
    }
    for (const ref of ctx.spec.paths) {
      if (absoluteReason(ref.path, ctx.repo)) continue; // path/absolute reports it
      const reason = placeholderReason(ref.path, ctx.repo);
      if (!reason) continue;
      ctx.report({
        message: `"${ref.path}" in ${where(ref)} ${reason}; write the exact repository-relative path of the file (e.g. \`internal/api/invites.go\`).`,
        loc: ref.loc,
        key: `${ref.taskId ?? ref.source}:${ref.path}`,
      });
    }
  },
});
