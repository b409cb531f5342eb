/** Spec builders for the goose rule tests, derived from the fixture's lint-clean examples. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prdSpec, replace } from '../../helpers/rule-tester.js';

export const conformanceDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'goose-conformance');
export const conformance = (...p: string[]) => readFileSync(join(conformanceDir, ...p), 'utf8');

export const MIGRATION_PATH = 'migrations/20261102120000_create_invites.sql';

/** The SQL of the example's migration block (between the fences). */
export const exampleSql = (() => {
  const start = prdSpec.indexOf('```sql\n-- +goose Up');
  const body = prdSpec.indexOf('\n', start) + 1;
  return prdSpec.slice(body, prdSpec.indexOf('```', body));
})();

/**
 * The example spec without its data model's table description (section 3 "New Tables" says "None"): for
 * cases whose migrations are not the example's, so that goose/data-model has nothing to compare.
 */
export function withoutDataModel(spec = prdSpec): string {
  const start = spec.indexOf('### New Tables\n');
  const end = spec.indexOf('### Modified Tables\n');
  if (start < 0 || end < 0) return spec;
  return spec.slice(0, start) + '### New Tables\n\nNone.\n\n' + spec.slice(end);
}

/** The example spec with its migration's SQL replaced. */
export function withSql(sql: string, spec = prdSpec): string {
  return replace(spec, exampleSql, sql.endsWith('\n') ? sql : sql + '\n');
}

/** The example spec with a second migration appended after the first (and listed in the order table). */
export function withSecondMigration(path: string, sql: string, opts: { listed?: boolean } = {}): string {
  let spec = replace(prdSpec, exampleSql + '```\n', `${exampleSql}\`\`\`\n\n#### \`${path}\`\n\n\`\`\`sql\n${sql.endsWith('\n') ? sql : sql + '\n'}\`\`\`\n`);
  if (opts.listed !== false) {
    spec = replace(
      spec,
      '| 1 | `migrations/20261102120000_create_invites.sql` | yes | New table only; old code ignores it |\n',
      `| 1 | \`migrations/20261102120000_create_invites.sql\` | yes | New table only; old code ignores it |\n| 2 | \`${path}\` | yes | Second step |\n`,
    );
  }
  return spec;
}

export const sql = (...lines: string[]) => lines.join('\n') + '\n';

/** The example spec with its "Goose Migrations" section replaced by these migrations (and their order table). */
export function withMigrations(migrations: Array<[path: string, sql: string]>): string {
  const start = prdSpec.indexOf('#### `migrations/20261102120000_create_invites.sql`');
  const tableRow = '| 1 | `migrations/20261102120000_create_invites.sql` | yes | New table only; old code ignores it |\n';
  const end = prdSpec.indexOf(tableRow) + tableRow.length;
  const blocks = migrations.map(([path, text]) => `#### \`${path}\`\n\n\`\`\`sql\n${text.endsWith('\n') ? text : text + '\n'}\`\`\`\n\n`).join('');
  const rows = migrations.map(([path], i) => `| ${i + 1} | \`${path}\` | yes | step ${i + 1} |\n`).join('');
  const table = '**Migration order and compatibility:**\n\n| # | Migration File | Backward Compatible | Notes |\n|---|---------------|-------------------|-------|\n';
  return withoutDataModel(prdSpec.slice(0, start) + blocks + table + rows + prdSpec.slice(end));
}
