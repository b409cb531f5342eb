import { defineRule } from '../types.js';
import { gooseApplies, sqlLoc } from './shared.js';
import { specSchema } from './schema-shared.js';

/**
 * A migration marked **Backward Compatible: yes** in the migration-order table does nothing in Up that
 * breaks the code already deployed: it drops or renames no table or column that existed before the spec,
 * changes no such column's type, and adds no NOT NULL column without a default to such a table.
 */
export default defineRule({
  meta: {
    id: 'goose/backward-compatible',
    description: 'A migration marked Backward Compatible: yes drops, renames or retypes nothing that exists and adds no NOT NULL column without a default to an existing table.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    const rows = ctx.spec.migrationOrder.filter((r) => r.path && r.backwardCompatible && /^yes\b/i.test(r.backwardCompatible.text.trim()));
    if (rows.length === 0) return;
    const result = await specSchema(ctx);
    if (!result) return;
    for (const r of result.migrations) {
      const row = rows.find((x) => x.path === r.migration.path);
      if (!row) continue;
      for (const f of r.findings) {
        if (f.family !== 'compat') continue;
        ctx.report({
          message: `\`${r.migration.path}\` is marked Backward Compatible: yes (line ${row.loc.line}), but its Up ${f.message}: mark it \`no\` and deploy the code change first, or split it into expand and contract migrations`,
          loc: sqlLoc(r.migration.block, f.line, f.column),
          key: `${r.migration.path}:${f.key}`,
        });
      }
    }
  },
});
