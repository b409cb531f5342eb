import rule from '../../../src/rules/code/sql-syntax.js';
import { prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { appendedLine, referenceExamples, withBlock } from './shared.js';

const typo = withBlock('sql', "-- pending invites of a workspace\nSELECT id, email\nFROM invites\nWHER workspace_id = $1 AND status = 'pending';");
const plpgsql = withBlock(
  'sql',
  'CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now()\n  RETURN NEW;\nEND;\n$$;',
);
// A broken migration belongs to the goose/… rules, not this one.
const brokenMigration = replace(prdSpec, 'CREATE INDEX idx_invites_workspace_id ON invites(workspace_id);', 'CREATE INDX idx_invites_workspace_id ON invites(workspace_id);');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    { name: 'a query with parameters', spec: withBlock('sql', 'SELECT id FROM invites WHERE token = $1 AND expires_at > now();') },
    { name: 'a migration with a syntax error is left to goose rules', spec: brokenMigration },
    {
      name: 'a trigger function',
      spec: withBlock('postgresql', 'CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;'),
    },
  ],
  invalid: [
    { name: 'a misspelt keyword', spec: typo, errors: [{ ruleId: 'code/sql-syntax', line: appendedLine(typo, 4), message: 'syntax error at or near "workspace_id"' }] },
    { name: 'a PL/pgSQL body missing a semicolon', spec: plpgsql, errors: [{ ruleId: 'code/sql-syntax', line: appendedLine(plpgsql, 4), message: 'PL/pgSQL' }] },
  ],
});
