/**
 * goose/exec through the engine. Each case starts one embedded PostgreSQL (seconds): keep the cases few.
 */
import { describe, expect, it } from 'vitest';
import { engSpec, lineOf, lintCase, prdSpec, runRuleTests } from '../../helpers/rule-tester.js';
import rule from '../../../src/rules/goose/exec.js';
import { rules as gooseRules } from '../../../src/rules/goose/index.js';
import { conformance, exampleSql, sql, withMigrations, withSecondMigration, withSql } from './helpers.js';

const fkToMissingColumn = withSql(exampleSql.replace('REFERENCES workspaces(id)', 'REFERENCES workspaces(workspace_id)'));
// a statement that never ends is stopped at execLimits.statementSeconds and reported on its line
const endless = withSecondMigration('migrations/20261102130000_loop.sql', sql('-- +goose Up', '-- +goose StatementBegin', 'DO $$ BEGIN LOOP END LOOP; END $$;', '-- +goose StatementEnd', '-- +goose Down', 'SELECT 1;'));
// the schema model knows `workspace` is missing (the repository's migrations create `workspaces`): no stand-in
const fkToMissingTable = withSql(exampleSql.replace('REFERENCES workspaces(id)', 'REFERENCES workspace(id)'));

runRuleTests(rule, {
  valid: [
    { name: 'without --exec nothing runs', spec: fkToMissingColumn, exec: false },
    { name: 'the example applies, reverses and re-applies after the existing migrations', spec: prdSpec, exec: true },
  ],
  invalid: [
    {
      name: 'an Up that fails only at execution (a foreign key to a column that does not exist)',
      spec: fkToMissingColumn,
      exec: true,
      errors: [{ ruleId: 'goose/exec', line: lineOf(fkToMissingColumn, 'CREATE TABLE invites'), message: 'column "workspace_id" referenced in foreign key constraint does not exist' }],
    },
    {
      name: 'a statement that never ends is stopped and reported on its statement (execLimits.statementSeconds)',
      spec: endless,
      exec: true,
      config: { execLimits: { statementSeconds: 1 } },
      errors: [{ ruleId: 'goose/exec', line: lineOf(endless, 'DO $$ BEGIN LOOP'), message: 'did not finish within 1 s' }],
    },
    {
      name: 'a foreign key to a table the schema model knows is missing gets no stand-in table',
      spec: fkToMissingTable,
      exec: true,
      errors: [{ ruleId: 'goose/exec', line: lineOf(fkToMissingTable, 'CREATE TABLE invites'), message: 'relation "workspace" does not exist' }],
    },
  ],
});

describe('goose conformance under --exec', () => {
  it('00001 → 00003 → 00005 → 00006 apply, reverse and re-apply in one spec, with the engineering example in the same run', async () => {
    const spec = withMigrations([
      ['migrations/20261102120001_table.sql', conformance('postgres', '00001_table.sql')],
      ['migrations/20261102120003_alter.sql', conformance('postgres', '00003_alter.sql')],
      ['migrations/20261102120005_no_tx.sql', conformance('postgres', '00005_no_tx.sql')],
      ['migrations/20261102120006_complex.sql', conformance('postgres', '00006_complex.sql')],
    ]);
    const messages = await lintCase(gooseRules, { name: 'sequence', spec, exec: true, otherSpecs: { 'tech-specs/member-lookup-index.md': engSpec } });
    expect(messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
  }, 120_000);

  it('two specs in one run share one instance and stay isolated', async () => {
    const second = sql('-- +goose Up', 'CREATE TABLE audit_log (id bigint PRIMARY KEY);', '-- +goose Down', 'DROP TABLE audit_log;');
    const spec = withSecondMigration('migrations/20261103120000_create_audit_log.sql', second);
    const messages = await lintCase([rule], { name: 'two specs', spec, exec: true, otherSpecs: { 'tech-specs/other.md': spec.replace(/20261102120000/g, '20261104120000').replace(/20261103120000/g, '20261105120000') } });
    expect(messages).toEqual([]);
  }, 120_000);
});
