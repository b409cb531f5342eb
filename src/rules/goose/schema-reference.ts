import { defineRule } from '../types.js';
import { gooseApplies } from './shared.js';
import { reportSchemaFindings } from './schema-shared.js';

/**
 * Up's references resolve against the schema the migrations build (the repository's migrations, then the
 * spec's, in version order): foreign keys, indexes, constraints, ALTER / DROP / RENAME name tables and
 * columns that exist; column types and trigger functions exist. Only what the schema model knows to be
 * missing is reported (see src/sql/schema.ts): a name it cannot see is unknown, never an error.
 */
export default defineRule({
  meta: {
    id: 'goose/schema-reference',
    description: 'Migrations reference only tables, columns, types and functions that the repository\'s and the spec\'s migrations create.',
    defaultSeverity: 'error',
  },
  async check(ctx) {
    if (!gooseApplies(ctx)) return;
    await reportSchemaFindings(ctx, 'reference', (f) =>
      // a completed spec's migration may sit in the repository under another version than the spec says:
      // "already exists" would then be the migration meeting itself
      ctx.isCompleted && f.key.startsWith('exists-') ? null : `${f.message} (PostgreSQL would refuse this statement)`,
    );
  },
});
