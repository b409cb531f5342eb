import { defineRule } from '../types.js';
import { gooseApplies } from './shared.js';
import { fix, insertAfter } from '../../fix/edits.js';

/**
 * A task that creates a migration file says how to verify it with goose: its done condition runs
 * `goose status` (the reference: "Done conditions for migration tasks should use `goose status`").
 */
export default defineRule({
  meta: {
    id: 'goose/status-check',
    description: 'A task that creates a migration file has `goose status` in its done condition.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    if (!gooseApplies(ctx)) return;
    const dir = ctx.config.paths.migrations.replace(/\/+$/, '') + '/';
    for (const task of ctx.spec.tasks) {
      const creates = (task.files?.entries ?? []).filter((e) => e.action === 'create' && e.path.replace(/^\.\//, '').startsWith(dir) && /\.sql$/i.test(e.path));
      if (creates.length === 0) continue;
      const done = task.doneCondition;
      if (!done) continue; // task/fields reports a task without a done condition
      const hasStatus =
        done.commands.some((c) => c.tool === 'goose' && c.argv.includes('status')) ||
        done.code.some((c) => /(^|\s)goose(\s+\S+)*\s+status\b/.test(c.value));
      if (hasStatus) continue;
      ctx.report({
        message: `${task.id} creates \`${creates[0].path}\` but its done condition does not run \`goose status\`: add e.g. "\`goose status\` shows ${creates[0].path.slice(dir.length)} as applied"`,
        loc: done.valueLoc,
        key: task.id,
        // the fix: the status check appended to the done condition, naming the goose files the task creates
        // (none for `.up.sql` / `.down.sql` pairs: that is another tool's layout, goose status would not list them)
        ...(() => {
          const names = creates.map((c) => c.path.slice(c.path.lastIndexOf('/') + 1)).filter((n) => /^\d+_[^/]+\.sql$/i.test(n) && !/\.(up|down)\.sql$/i.test(n));
          if (names.length !== creates.length) return {};
          const sentence = /[.!]$/.test(done.text.trim());
          return { fix: fix(insertAfter(done.valueLoc, `${sentence ? ' Then' : ';'} \`goose status\` lists ${names.map((n) => `\`${n}\``).join(', ')} as applied${sentence ? '.' : ''}`)) };
        })(),
      });
    }
  },
});
