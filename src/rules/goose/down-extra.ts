import { defineRule } from '../types.js';
import { findings, gooseApplies, gooseParse, migrationsOf, sqlLoc } from './shared.js';

/** Down drops nothing that Up did not create: rolling back must not destroy older objects. */
export default defineRule({
  meta: {
    id: 'goose/down-extra',
    description: 'Down drops nothing that its Up did not create.',
    defaultSeverity: 'warn',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      const parsed = gooseParse(ctx, m.sql);
      if (parsed.errors.length > 0 || parsed.down.length === 0) continue;
      const a = await findings(ctx, m.sql);
      for (const f of a.extra) {
        ctx.report({ message: f.message, loc: sqlLoc(m.block, f.line, f.column), key: `${m.path ?? m.block.loc.line}:${f.key}` });
      }
    }
  },
});
