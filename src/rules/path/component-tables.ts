/**
 * path/component-tables: the section 5 tables and the tasks agree — every path a "— New Files" table lists
 * is created by some task, and every path a "— Modified Files" table lists is modified by some task.
 */
import { defineRule } from '../types.js';
import type { FileAction } from '../../model/types.js';
import { isCheckablePath, normalizePath } from './classify.js';

export default defineRule({
  meta: {
    id: 'path/component-tables',
    description: 'Paths in the "New Files" / "Modified Files" tables are created / modified by a task.',
    defaultSeverity: 'warn',
  },
  check(ctx) {
    const actions = new Map<string, Array<{ action: FileAction; taskId: string }>>();
    for (const task of ctx.spec.tasks) {
      for (const e of task.files?.entries ?? []) {
        if (!e.path) continue;
        const p = normalizePath(e.path);
        const list = actions.get(p) ?? [];
        list.push({ action: e.action, taskId: task.id });
        actions.set(p, list);
      }
    }
    if (ctx.spec.tasks.length === 0) return;
    for (const ref of ctx.spec.paths) {
      if (ref.source !== 'component-table' || !ref.context) continue;
      const want: FileAction | null = /\bnew files?\b/i.test(ref.context) ? 'create' : /\bmodified files?\b/i.test(ref.context) ? 'modify' : null;
      if (!want || !isCheckablePath(ref.path, ctx.repo)) continue;
      const p = normalizePath(ref.path);
      const done = actions.get(p) ?? [];
      if (done.some((d) => d.action === want || (want === 'modify' && d.action === 'delete'))) continue;
      const verb: Record<FileAction, string> = { create: 'creates', modify: 'modifies', delete: 'deletes', rename: 'renames', other: 'lists' };
      const others = done.length > 0 ? ` (${done.map((d) => `${d.taskId} ${verb[d.action]} it`).join(', ')})` : '';
      const fix = want === 'create' ? `add \`Create: ${p}\` to the task that writes it` : `add \`Modify: ${p} — what changes\` to the task that changes it`;
      ctx.report({
        message: `"${ref.context}" lists \`${p}\`, but no task ${want === 'create' ? 'creates' : 'modifies'} it${others}; ${fix}, or remove the row.`,
        loc: ref.loc,
        key: `${ref.context}:${p}`,
      });
    }
  },
});
