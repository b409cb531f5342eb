import { defineRule } from '../types.js';
import { fileName, gooseApplies, migrationsOf, versionOf } from './shared.js';

/**
 * The "Migration order and compatibility" table lists exactly the spec's migration files, in version order,
 * each marked backward compatible `yes` or `no`.
 */
export default defineRule({
  meta: {
    id: 'goose/migration-order',
    description: 'The migration-order table lists exactly the migration files, in version order, each backward compatible yes or no.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    if (!gooseApplies(ctx)) return;
    const spec = ctx.spec;
    const migrations = migrationsOf(spec).filter((m) => m.path);
    const table = spec.migrationOrderTable;
    if (!table) {
      if (migrations.length === 0) return;
      const last = migrations[migrations.length - 1].block.loc;
      ctx.report({
        message:
          'the spec has migrations but no "Migration order and compatibility" table: add one below the migrations with a row per file (`| # | Migration File | Backward Compatible | Notes |`)',
        loc: { line: last.endLine, column: 1, endLine: last.endLine, endColumn: last.endColumn },
        key: 'no-table',
      });
      return;
    }
    const specPaths = new Map(migrations.map((m) => [m.path!, m]));
    const listed = new Set<string>();
    let previous: { path: string; version: bigint } | null = null;
    spec.migrationOrder.forEach((row, i) => {
      const rowKey = row.path ?? `row:${i + 1}`;
      if (row.number && row.number.text.trim() !== '' && row.number.text.trim() !== String(i + 1)) {
        ctx.report({ message: `row number \`${row.number.text.trim()}\` should be ${i + 1}: number the migrations 1, 2, 3 … in the order they run`, loc: row.number.loc, key: `${rowKey}:number` });
      }
      if (!row.path) {
        ctx.report({ message: 'this row names no migration file: write the file path in back-ticks, e.g. `migrations/20260216120000_create_invites.sql`', loc: row.file?.loc ?? row.loc, key: rowKey });
      } else if (listed.has(row.path)) {
        ctx.report({ message: `\`${row.path}\` is listed twice: keep one row per migration file`, loc: row.file?.loc ?? row.loc, key: `${rowKey}:duplicate` });
      } else {
        listed.add(row.path);
        if (!specPaths.has(row.path)) {
          const near = [...specPaths.keys()].find((p) => fileName(p).version === fileName(row.path!).version);
          ctx.report({
            message: `\`${row.path}\` is not one of this spec's migrations${near ? `: did you mean \`${near}\`?` : ': list only the files whose SQL the spec gives in "Goose Migrations"'}`,
            loc: row.file?.loc ?? row.loc,
            key: rowKey,
          });
        }
        const v = versionOf(row.path);
        if (v !== null) {
          if (previous && v < previous.version) {
            ctx.report({
              message: `\`${row.path}\` is listed after \`${previous.path}\` but has an older version: list migrations in version order (the order goose runs them)`,
              loc: row.file?.loc ?? row.loc,
              key: `${rowKey}:order`,
            });
          }
          previous = { path: row.path, version: v };
        }
      }
      const bc = row.backwardCompatible;
      if (!bc) {
        ctx.report({ message: 'this row has no "Backward Compatible" cell: add the column and say `yes` or `no`', loc: row.loc, key: `${rowKey}:compat` });
      } else if (!/^(yes|no)\b/i.test(bc.text.trim())) {
        ctx.report({
          message: `"Backward Compatible" must be \`yes\` or \`no\`, not \`${bc.text.trim() || '(empty)'}\`: yes when the migration can run before the new code deploys, no when it needs a coordinated deploy`,
          loc: bc.loc,
          key: `${rowKey}:compat`,
        });
      }
    });
    for (const m of migrations) {
      if (listed.has(m.path!)) continue;
      ctx.report({
        message: `migration \`${m.path}\` is missing from the "Migration order and compatibility" table: add a row for it, with Backward Compatible yes or no`,
        loc: table.loc,
        key: `${m.path}:unlisted`,
      });
    }
  },
});
