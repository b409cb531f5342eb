import { defineRule } from '../types.js';
import { gooseApplies, sqlLoc } from './shared.js';
import { specSchema } from './schema-shared.js';

/**
 * The lock and safety findings teams know from squawk and strong_migrations, on tables that already exist
 * (created by a repository migration, not by this spec): each names the safe form.
 */
export default defineRule({
  meta: {
    id: 'goose/lock-safety',
    description:
      'Changes to existing tables that lock or rewrite them (non-concurrent index, NOT NULL column without default, volatile default, column type change, validated foreign key, SET NOT NULL, renames) name their safe form.',
    defaultSeverity: 'warn',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    const result = await specSchema(ctx);
    if (!result) return;
    for (const r of result.migrations) {
      for (const f of r.findings) {
        if (f.family !== 'safety') continue;
        ctx.report({ message: f.message, loc: sqlLoc(r.migration.block, f.line, f.column), key: `${r.migration.path ?? r.migration.block.loc.line}:${f.key}` });
      }
    }
  },
});
