import rule from '../../../src/rules/code/sql-syntax.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { appendedLine, referenceExamples, withBlock } from './shared.js';

const typo = withBlock('sql', "-- pending invites of a workspace\nSELECT id, email\nFROM invites\nWHER workspace_id = $1 AND status = 'pending';");
const plpgsql = withBlock(
  'sql',
  'CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now()\n  RETURN NEW;\nEND;\n$$;',
);
// A revision's SQL with the Python profile (alembic): no goose rule reads it, so this rule parses it.
const revision = replace(
  replace(prdSpec, '#### `migrations/20261102120000_create_invites.sql`', '#### `alembic/versions/0004_create_invites.py`'),
  '```sql\n-- +goose Up\nCREATE TABLE invites (\n    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),',
  '```sql\n-- upgrade()\nCREATE TABLE invites (\n    id UUID PRIMARY KEY KEY DEFAULT gen_random_uuid(),',
).replace('-- +goose Down\n', '-- downgrade()\n');
const python = { profile: 'python' as const };
// A broken migration belongs to the goose/… rules, not this one.
const brokenMigration = replace(prdSpec, 'CREATE INDEX idx_invites_workspace_id ON invites(workspace_id);', 'CREATE INDX idx_invites_workspace_id ON invites(workspace_id);');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    { name: 'a query with parameters', spec: withBlock('sql', 'SELECT id FROM invites WHERE token = $1 AND expires_at > now();') },
    { name: 'a migration with a syntax error is left to goose rules', spec: brokenMigration },
    { name: 'a correct migration block with the Python profile', spec: revision.replace('PRIMARY KEY KEY', 'PRIMARY KEY'), config: python },
    {
      name: 'a trigger function',
      spec: withBlock('postgresql', 'CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;'),
    },
  ],
  invalid: [
    {
      name: 'a migration block with the Python profile (no goose rule reads it)',
      spec: revision,
      config: python,
      errors: [{ ruleId: 'code/sql-syntax', line: lineOf(revision, 'PRIMARY KEY KEY'), message: 'syntax error' }],
    },
    { name: 'a misspelt keyword', spec: typo, errors: [{ ruleId: 'code/sql-syntax', line: appendedLine(typo, 4), message: 'syntax error at or near "workspace_id"' }] },
    { name: 'a PL/pgSQL body missing a semicolon', spec: plpgsql, errors: [{ ruleId: 'code/sql-syntax', line: appendedLine(plpgsql, 4), message: 'PL/pgSQL' }] },
  ],
});
