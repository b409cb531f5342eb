import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import migrationOrder from '../../../src/rules/goose/migration-order.js';
import statusCheck from '../../../src/rules/goose/status-check.js';
import { MIGRATION_PATH, sql, withSecondMigration } from './helpers.js';

const row = '| 1 | `migrations/20261102120000_create_invites.sql` | yes | New table only; old code ignores it |';
const rowLine = lineOf(prdSpec, row);
const second = sql('-- +goose Up', 'CREATE TABLE audit_log (id bigint PRIMARY KEY);', '-- +goose Down', 'DROP TABLE audit_log;');
const twoListed = withSecondMigration('migrations/20261103120000_create_audit_log.sql', second);
const unlisted = withSecondMigration('migrations/20261103120000_create_audit_log.sql', second, { listed: false });
const swapped = replace(
  replace(twoListed, '| 1 | `migrations/20261102120000_create_invites.sql`', '| 1 | `migrations/20261103120000_create_audit_log.sql`'),
  '| 2 | `migrations/20261103120000_create_audit_log.sql`',
  '| 2 | `migrations/20261102120000_create_invites.sql`',
);
const noTable = replace(
  prdSpec,
  `**Migration order and compatibility:**\n\n| # | Migration File | Backward Compatible | Notes |\n|---|---------------|-------------------|-------|\n${row}\n`,
  '',
);

runRuleTests(migrationOrder, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'the engineering example', spec: engSpec },
    { name: 'two migrations in version order', spec: twoListed },
    { name: 'Backward Compatible "No — needs a coordinated deploy"', spec: replace(prdSpec, '| yes | New table only', '| No — coordinated deploy | New table only') },
  ],
  invalid: [
    { name: 'backward compatible is neither yes nor no', spec: replace(prdSpec, '| yes | New table only', '| maybe | New table only'), errors: [{ ruleId: 'goose/migration-order', line: rowLine, message: 'must be `yes` or `no`, not `maybe`' }] },
    { name: 'a migration missing from the table', spec: unlisted, errors: [{ ruleId: 'goose/migration-order', line: lineOf(unlisted, '| # | Migration File'), message: '`migrations/20261103120000_create_audit_log.sql` is missing' }] },
    { name: 'rows out of version order', spec: swapped, errors: [{ ruleId: 'goose/migration-order', line: lineOf(swapped, '| 2 | `migrations/20261102120000_create_invites.sql`'), message: 'list migrations in version order' }] },
    {
      name: 'a row naming a file the spec does not define',
      spec: replace(prdSpec, row, row.replace('create_invites', 'create_invitations')),
      errors: [
        { ruleId: 'goose/migration-order', line: rowLine - 2, message: `migration \`${MIGRATION_PATH}\` is missing from` },
        { ruleId: 'goose/migration-order', line: rowLine, message: `did you mean \`${MIGRATION_PATH}\`` },
      ],
    },
    { name: 'no table at all', spec: noTable, errors: [{ ruleId: 'goose/migration-order', line: lineOf(noTable, '```', 'DROP TABLE IF EXISTS invites;'), message: 'no "Migration order and compatibility" table' }] },
  ],
});

const done = '_Done condition:_ `goose status` lists `20261102120000_create_invites.sql` as applied, and `goose down` then `goose up` completes without errors.';
const noStatus = replace(prdSpec, done, '_Done condition:_ `go test ./internal/workspace/...` passes.');

runRuleTests(statusCheck, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'the engineering example', spec: engSpec },
    { name: 'goose status with flags', spec: replace(prdSpec, done, '_Done condition:_ `GOOSE_DRIVER=postgres goose -dir migrations status` shows the migration applied.') },
  ],
  invalid: [
    { name: 'a migration task without goose status', spec: noStatus, errors: [{ ruleId: 'goose/status-check', line: lineOf(noStatus, '_Done condition:_ `go test ./internal/workspace/...`'), message: 'T-001 creates `migrations/20261102120000_create_invites.sql`' }] },
  ],
});
