import { defineRule } from '../types.js';
import { gooseApplies } from './shared.js';
import { reportSchemaFindings } from './schema-shared.js';

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
    await reportSchemaFindings(ctx, 'safety');
  },
});
