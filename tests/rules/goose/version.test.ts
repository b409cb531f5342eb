import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import versionUnique from '../../../src/rules/goose/version-unique.js';
import versionOrder from '../../../src/rules/goose/version-order.js';
import { exampleSql, MIGRATION_PATH, sql, withSecondMigration } from './helpers.js';

const line = lineOf(prdSpec, `#### \`${MIGRATION_PATH}\``);
const other = sql('-- +goose Up', 'CREATE TABLE audit_log (id bigint PRIMARY KEY);', '-- +goose Down', 'DROP TABLE audit_log;');

runRuleTests(versionUnique, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'two specs with different versions in one run', spec: prdSpec, otherSpecs: { 'tech-specs/member-lookup-index.md': engSpec } },
    { name: 'the migration file already written in the repository', spec: prdSpec, files: { [MIGRATION_PATH]: exampleSql } },
  ],
  invalid: [
    {
      name: 'a duplicate version across two specs of the same run',
      spec: prdSpec,
      otherSpecs: {
        'tech-specs/member-lookup-index.md': replace(engSpec, '20261028100000_index_workspace_members.sql`\n\n```sql', '20261102120000_index_workspace_members.sql`\n\n```sql'),
      },
      errors: [{ ruleId: 'goose/version-unique', line, message: 'also used by `migrations/20261102120000_index_workspace_members.sql` in tech-specs/member-lookup-index.md' }],
    },
    {
      name: 'a version taken by an existing migration file',
      spec: prdSpec,
      files: { 'migrations/20261102120000_something_else.sql': other },
      errors: [{ ruleId: 'goose/version-unique', line, message: 'already taken by `migrations/20261102120000_something_else.sql`' }],
    },
    {
      name: 'the same version twice in one spec',
      spec: withSecondMigration('migrations/20261102120000_create_audit_log.sql', other),
      errors: [
        {
          ruleId: 'goose/version-unique',
          line: lineOf(withSecondMigration('migrations/20261102120000_create_audit_log.sql', other), '#### `migrations/20261102120000_create_audit_log.sql`'),
          message: 'used twice in this spec',
        },
      ],
    },
  ],
});

runRuleTests(versionOrder, {
  valid: [
    { name: 'later than every existing migration', spec: prdSpec },
    { name: 'its own file already in the repository', spec: prdSpec, files: { [MIGRATION_PATH]: exampleSql } },
    {
      name: 'a completed spec describes migrations already applied',
      spec: prdSpec,
      filePath: 'tech-specs/completed/workspace-invites.md',
      files: { 'migrations/20270101000000_later.sql': other },
    },
  ],
  invalid: [
    {
      name: 'a version older than an existing migration',
      spec: prdSpec,
      files: { 'migrations/20270101000000_later.sql': other },
      errors: [{ ruleId: 'goose/version-order', line, message: 'not later than the newest existing migration `migrations/20270101000000_later.sql`' }],
    },
  ],
});
