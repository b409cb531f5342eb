import { defineRule } from '../types.js';
import { gooseApplies } from './shared.js';
import { reportSchemaFindings } from './schema-shared.js';

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
    await reportSchemaFindings(ctx, 'compat', (f, r) => {
      const row = rows.find((x) => x.path === r.migration.path);
      return row
        ? `\`${r.migration.path}\` is marked Backward Compatible: yes (line ${row.loc.line}), but its Up ${f.message}: mark it \`no\` and deploy the code change first, or split it into expand and contract migrations`
        : null;
    });
  },
});
