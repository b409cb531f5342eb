import { defineRule } from '../types.js';
import { findings, gooseApplies, gooseParse, migrationsOf, sqlLoc } from './shared.js';

/** Every statement of every migration parses with the real PostgreSQL parser, PL/pgSQL bodies included. */
export default defineRule({
  meta: {
    id: 'goose/sql-syntax',
    description: 'Migration statements (and PL/pgSQL bodies) parse with the real PostgreSQL parser.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    for (const m of migrationsOf(ctx.spec)) {
      // goose/annotations reports migrations goose cannot split; their statements are not known
      if (gooseParse(ctx, m.sql).errors.length > 0) continue;
      const a = await findings(ctx, m.sql);
      for (const s of a.syntax) {
        const where = s.direction === 'up' ? 'Up' : 'Down';
        ctx.report({
          message: `${s.message} (in ${where}) — fix the statement so that PostgreSQL accepts it`,
          loc: sqlLoc(m.block, s.line, s.column),
          key: `${m.path ?? m.block.loc.line}:${s.key}`,
        });
      }
    }
  },
});
