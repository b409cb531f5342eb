import { engSpec, lineOf, prdSpec, runRuleTests } from '../../helpers/rule-tester.js';
import rule from '../../../src/rules/goose/annotations.js';
import { conformance, exampleSql, sql, withSql } from './helpers.js';

const at = (spec: string, needle: string, after = '#### `migrations/') => lineOf(spec, needle, after);

const triggerFunction = sql(
  '-- +goose Up',
  'CREATE TABLE emp (name text, stamp timestamptz);',
  '',
  '-- +goose StatementBegin',
  'CREATE FUNCTION emp_stamp() RETURNS trigger AS $$',
  'BEGIN',
  '  NEW.stamp := now();',
  '  RETURN NEW;',
  'END;',
  '$$ LANGUAGE plpgsql;',
  '-- +goose StatementEnd',
  '',
  'CREATE TRIGGER emp_stamp BEFORE INSERT ON emp FOR EACH ROW EXECUTE FUNCTION emp_stamp();',
  '',
  '-- +goose Down',
  'DROP TABLE emp;',
  'DROP FUNCTION emp_stamp();',
);

const missingSemicolon = withSql(exampleSql.replace('CREATE UNIQUE INDEX idx_invites_token ON invites(token);', 'CREATE UNIQUE INDEX idx_invites_token ON invites(token)'));
const noDown = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);'));
const emptyDown = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '', '-- +goose Down', '-- nothing to undo'));
const nearMiss = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '', '-- goose Down', 'DROP TABLE t;'));
const capitalGoose = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +Goose Down', 'DROP TABLE t;'));
const duplicateUp = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +goose Up', '-- +goose Down', 'DROP TABLE t;'));
const statementEndAlone = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +goose StatementEnd', '-- +goose Down', 'DROP TABLE t;'));
const unclosedBlock = withSql(sql('-- +goose Up', '-- +goose StatementBegin', 'CREATE TABLE t (id int);', '-- +goose Down', 'DROP TABLE t;'));
const statementBeforeUp = withSql(sql('CREATE TABLE t (id int);', '-- +goose Up', '-- +goose Down', 'DROP TABLE t;'));
const unknown = withSql(sql('-- +goose Up', 'CREATE TABLE t (id int);', '-- +goose Rollback', 'DROP TABLE t;'));
const empty = withSql(conformance('postgres', '00004_empty.sql'));

runRuleTests(rule, {
  valid: [
    { name: 'the example', spec: prdSpec },
    { name: 'NO TRANSACTION with CREATE INDEX CONCURRENTLY', spec: engSpec },
    { name: 'a trigger function inside StatementBegin/StatementEnd', spec: withSql(triggerFunction) },
    ...['00001_table.sql', '00002_insert.sql', '00003_alter.sql', '00005_no_tx.sql', '00006_complex.sql'].map((f) => ({ name: `goose conformance postgres/${f}`, spec: withSql(conformance('postgres', f)) })),
    ...['00001_create_users_table.sql', '00002_rename_root.sql', '00003_no_transaction.sql'].map((f) => ({ name: `goose conformance sql-migrations/${f}`, spec: withSql(conformance('sql-migrations', f)) })),
  ],
  invalid: [
    {
      name: 'a statement without its semicolon',
      spec: missingSemicolon,
      errors: [{ ruleId: 'goose/annotations', line: at(missingSemicolon, 'CREATE UNIQUE INDEX'), message: 'missing semicolon?' }],
    },
    { name: 'no Down section', spec: noDown, errors: [{ ruleId: 'goose/annotations', line: at(noDown, 'CREATE TABLE t'), message: "no '-- +goose Down' section" }] },
    { name: 'an empty Down section', spec: emptyDown, errors: [{ ruleId: 'goose/annotations', line: at(emptyDown, '-- +goose Down'), message: 'is empty' }] },
    { name: 'a near-miss annotation goose ignores', spec: nearMiss, errors: [{ ruleId: 'goose/annotations', line: at(nearMiss, '-- goose Down'), message: 'write `-- +goose Down`' }] },
    { name: '+Goose with a capital G', spec: capitalGoose, errors: [{ ruleId: 'goose/annotations', line: at(capitalGoose, '-- +Goose Down'), message: 'is not a goose annotation' }] },
    { name: 'Up twice', spec: duplicateUp, errors: [{ ruleId: 'goose/annotations', line: at(duplicateUp, '-- +goose Up', 'CREATE TABLE t'), message: "duplicate '-- +goose Up' annotations" }] },
    { name: 'StatementEnd without StatementBegin', spec: statementEndAlone, errors: [{ ruleId: 'goose/annotations', line: at(statementEndAlone, '-- +goose StatementEnd'), message: "must be defined after '-- +goose StatementBegin'" }] },
    { name: 'StatementBegin never closed before Down', spec: unclosedBlock, errors: [{ ruleId: 'goose/annotations', line: at(unclosedBlock, '-- +goose Down'), message: "close the open block with '-- +goose StatementEnd'" }] },
    { name: 'a statement before Up', spec: statementBeforeUp, errors: [{ ruleId: 'goose/annotations', line: at(statementBeforeUp, 'CREATE TABLE t'), message: 'unexpected state 0' }] },
    { name: 'an unknown annotation', spec: unknown, errors: [{ ruleId: 'goose/annotations', line: at(unknown, '-- +goose Rollback'), message: '"Rollback" not supported: invalid annotation' }] },
    {
      name: 'goose conformance postgres/00004_empty.sql: no statement, no Down',
      spec: empty,
      errors: [
        { ruleId: 'goose/annotations', line: at(empty, '-- +goose Up'), message: 'has no statement' },
        { ruleId: 'goose/annotations', line: at(empty, '-- +goose Up'), message: "no '-- +goose Down' section" },
      ],
    },
  ],
});
