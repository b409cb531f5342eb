import { defineRule } from '../types.js';
import { findings, gooseApplies, gooseParse, migrationsOf, sqlLoc } from './shared.js';

/**
 * Down reverses Up, judged from the parse trees: every object Up creates or adds is dropped or removed by
 * Down, renames and type changes have their inverse, and Down drops things in a dependency-safe order.
 */
export default defineRule({
  meta: {
    id: 'goose/down-reverses-up',
    description:
      'Down drops every table, index, type, function, trigger, extension, column and constraint Up creates, undoes its renames and type changes, in a dependency-safe order.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      const parsed = gooseParse(ctx, m.sql);
      if (parsed.errors.length > 0 || parsed.downLine === null) continue; // goose/annotations
      const a = await findings(ctx, m.sql);
      for (const f of [...a.missing, ...a.order]) {
        ctx.report({
          message: f.message,
          loc: sqlLoc(m.block, f.line, f.column),
          key: `${m.path ?? m.block.loc.line}:${f.key}`,
          ...(f.severity ? { severity: f.severity } : {}),
        });
      }
    }
  },
});
