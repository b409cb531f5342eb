import { lineOf, prdSpec, runRuleTests } from '../../helpers/rule-tester.js';
import sqlSyntax from '../../../src/rules/goose/sql-syntax.js';
import downReversesUp from '../../../src/rules/goose/down-reverses-up.js';
import downExtra from '../../../src/rules/goose/down-extra.js';
import { conformance, exampleSql, sql, withSql } from './helpers.js';

const at = (spec: string, needle: string, after = '#### `migrations/') => lineOf(spec, needle, after);

const trigger = (body: string[]) =>
  sql(
    '-- +goose Up',
    'CREATE TABLE emp (name text, stamp timestamptz);',
    '-- +goose StatementBegin',
    'CREATE FUNCTION emp_stamp() RETURNS trigger AS $$',
    'BEGIN',
    ...body,
    '  RETURN NEW;',
    'END;',
    '$$ LANGUAGE plpgsql;',
    '-- +goose StatementEnd',
    'CREATE TRIGGER emp_stamp BEFORE INSERT ON emp FOR EACH ROW EXECUTE FUNCTION emp_stamp();',
    '-- +goose Down',
    'DROP TABLE emp;',
    'DROP FUNCTION emp_stamp();',
  );

const typo = withSql(exampleSql.replace('email TEXT NOT NULL,', 'email TXT NOT NULL NOT,'));
const downTypo = withSql(exampleSql.replace('DROP TABLE IF EXISTS invites;', 'DROP TABEL IF EXISTS invites;'));
const plpgsqlBad = withSql(trigger(['  IF NEW.name IS NULL THEN', "    RAISE EXCEPTION 'name required';", '  END IF', '  NEW.stamp := now();']));

runRuleTests(sqlSyntax, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'a trigger function inside StatementBegin/StatementEnd', spec: withSql(trigger(['  NEW.stamp := now();'])) },
    { name: 'goose conformance postgres/00006_complex.sql (plpgsql)', spec: withSql(conformance('postgres', '00006_complex.sql')) },
  ],
  invalid: [
    { name: 'a syntax error in Up', spec: typo, errors: [{ ruleId: 'goose/sql-syntax', line: at(typo, 'email TXT'), message: 'syntax error at or near "," (in Up)' }] },
    { name: 'a syntax error in Down', spec: downTypo, errors: [{ ruleId: 'goose/sql-syntax', line: at(downTypo, 'DROP TABEL'), message: '(in Down)' }] },
    { name: 'a PL/pgSQL body error', spec: plpgsqlBad, errors: [{ ruleId: 'goose/sql-syntax', line: at(plpgsqlBad, 'NEW.stamp := now()'), message: 'PL/pgSQL syntax error' }] },
  ],
});

const forgetsIndex = withSql(exampleSql.replace('CREATE UNIQUE INDEX idx_invites_token ON invites(token);', 'CREATE UNIQUE INDEX idx_invites_token ON invites(token);\nCREATE INDEX idx_members_role ON workspace_members(role);'));
const wrongTable = withSql(exampleSql.replace('DROP TABLE IF EXISTS invites;', 'DROP TABLE IF EXISTS invitations;'));
const dropOrder = withSql(
  sql(
    '-- +goose Up',
    'CREATE TABLE owners (id bigint PRIMARY KEY);',
    'CREATE TABLE repos (id bigint PRIMARY KEY, owner_id bigint REFERENCES owners(id));',
    '-- +goose Down',
    'DROP TABLE owners;',
    'DROP TABLE repos;',
  ),
);
const indexAfterTable = withSql(exampleSql.replace('DROP INDEX IF EXISTS idx_invites_token;\nDROP INDEX IF EXISTS idx_invites_workspace_id;\nDROP TABLE IF EXISTS invites;', 'DROP TABLE invites;\nDROP INDEX idx_invites_token;'));
const rename = withSql(sql('-- +goose Up', 'ALTER TABLE workspaces RENAME COLUMN name TO display_name;', '-- +goose Down', 'SELECT 1;'));
const renameOk = withSql(sql('-- +goose Up', 'ALTER TABLE workspaces RENAME COLUMN name TO display_name;', '-- +goose Down', 'ALTER TABLE workspaces RENAME COLUMN display_name TO name;'));
const retype = withSql(sql('-- +goose Up', 'ALTER TABLE workspace_members ALTER COLUMN role TYPE varchar(32);', '-- +goose Down', 'SELECT 1;'));
const dropsColumn = withSql(sql('-- +goose Up', 'ALTER TABLE workspace_members DROP COLUMN role;', '-- +goose Down', 'SELECT 1;'));

runRuleTests(downReversesUp, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'an inverse rename', spec: renameOk },
    { name: 'a trigger function: DROP TABLE takes the trigger, then the function goes', spec: withSql(trigger(['  NEW.stamp := now();'])) },
    ...['00001_table.sql', '00002_insert.sql', '00003_alter.sql', '00005_no_tx.sql', '00006_complex.sql'].map((f) => ({ name: `goose conformance postgres/${f}`, spec: withSql(conformance('postgres', f)) })),
    ...['00001_create_users_table.sql', '00002_rename_root.sql', '00003_no_transaction.sql'].map((f) => ({ name: `goose conformance sql-migrations/${f}`, spec: withSql(conformance('sql-migrations', f)) })),
  ],
  invalid: [
    { name: 'a Down that forgets an index', spec: forgetsIndex, errors: [{ ruleId: 'goose/down-reverses-up', line: at(forgetsIndex, 'CREATE INDEX idx_members_role'), message: 'add `DROP INDEX idx_members_role;`' }] },
    { name: 'a Down that drops the wrong table', spec: wrongTable, errors: [{ ruleId: 'goose/down-reverses-up', line: at(wrongTable, 'CREATE TABLE invites'), message: 'Up creates table invites, but Down does not remove it' }] },
    { name: 'a table dropped before its dependants', spec: dropOrder, errors: [{ ruleId: 'goose/down-reverses-up', line: at(dropOrder, 'DROP TABLE owners'), message: 'while table repos (created by Up) still depends on it' }] },
    { name: 'an index dropped after its table', spec: indexAfterTable, errors: [{ ruleId: 'goose/down-reverses-up', line: at(indexAfterTable, 'DROP INDEX idx_invites_token'), message: 'already removed by `DROP TABLE invites`' }] },
    { name: 'a rename without its inverse', spec: rename, errors: [{ ruleId: 'goose/down-reverses-up', line: at(rename, 'ALTER TABLE workspaces'), message: 'RENAME COLUMN display_name TO name' }] },
    { name: 'a type change without its inverse', spec: retype, errors: [{ ruleId: 'goose/down-reverses-up', line: at(retype, 'ALTER TABLE workspace_members'), message: 'type change of column role' }] },
    { name: 'Up drops a column that Down does not re-create (warning)', spec: dropsColumn, errors: [{ ruleId: 'goose/down-reverses-up', line: at(dropsColumn, 'ALTER TABLE workspace_members'), severity: 'warning', message: 'does not re-create it' }] },
  ],
});

runRuleTests(downExtra, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'goose conformance postgres/00005_no_tx.sql (a generated index name)', spec: withSql(conformance('postgres', '00005_no_tx.sql')) },
  ],
  invalid: [
    { name: 'a Down that drops the wrong table', spec: wrongTable, errors: [{ ruleId: 'goose/down-extra', line: at(wrongTable, 'DROP TABLE IF EXISTS invitations'), severity: 'warning', message: 'Down drops table invitations, which Up does not create' }] },
    {
      name: 'a Down that drops an existing table',
      spec: withSql(exampleSql.replace('DROP TABLE IF EXISTS invites;', 'DROP TABLE IF EXISTS invites;\nDROP TABLE workspaces;')),
      errors: [{ ruleId: 'goose/down-extra', line: at(withSql(exampleSql.replace('DROP TABLE IF EXISTS invites;', 'DROP TABLE IF EXISTS invites;\nDROP TABLE workspaces;')), 'DROP TABLE workspaces'), message: 'table workspaces' }],
    },
  ],
});
