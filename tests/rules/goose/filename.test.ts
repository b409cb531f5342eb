import { describe, expect, it } from 'vitest';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import rule, { timestampProblem } from '../../../src/rules/goose/filename.js';

const heading = '#### `migrations/20261102120000_create_invites.sql`';
const named = (path: string) => replace(prdSpec, heading, `#### \`${path}\``);
const line = lineOf(prdSpec, heading);

runRuleTests(rule, {
  valid: [
    { name: 'the example', spec: prdSpec },
    {
      name: 'a configured migrations directory',
      spec: named('db/migrations/20261102120000_create_invites.sql'),
      config: { paths: { migrations: 'db/migrations' } },
    },
    { name: 'a leap day', spec: named('migrations/20280229235959_create_invites.sql') },
    { name: 'python profile: goose rules do not apply', spec: named('alembic/versions/abc.py.sql'), config: { profile: 'python' } },
  ],
  invalid: [
    { name: 'month 13', spec: named('migrations/20261302120000_create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'month 13 does not exist' }] },
    { name: 'February 29 of a common year', spec: named('migrations/20270229120000_create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'day 29' }] },
    { name: 'hour 24', spec: named('migrations/20261102240000_create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'hour 24' }] },
    { name: 'a sequential version', spec: named('migrations/00001_create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'not a goose timestamp' }] },
    { name: 'not snake_case', spec: named('migrations/20261102120000_CreateInvites.sql'), errors: [{ ruleId: 'goose/filename', line, message: '`create_invites`' }] },
    { name: 'outside the migrations directory', spec: named('db/migrations/20261102120000_create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'not in the migrations directory `migrations/`' }] },
    { name: 'no version', spec: named('migrations/create_invites.sql'), errors: [{ ruleId: 'goose/filename', line, message: 'does not start with a version' }] },
    {
      name: 'a migration block without a file name',
      spec: replace(prdSpec, `${heading}\n\n`, ''),
      errors: [{ ruleId: 'goose/filename', line: lineOf(replace(prdSpec, `${heading}\n\n`, ''), '```sql\n-- +goose Up'), message: 'has no file name' }],
    },
  ],
});

describe('timestampProblem', () => {
  it('accepts real date-times and names what is wrong', () => {
    expect(timestampProblem('20261102120000')).toBeNull();
    expect(timestampProblem('20240229000000')).toBeNull();
    expect(timestampProblem('21000229000000')).toMatch(/day 29/);
    expect(timestampProblem('20261102126000')).toMatch(/minute 60/);
    expect(timestampProblem('20261102120060')).toMatch(/second 60/);
    expect(timestampProblem('19691231235959')).toMatch(/before 1970/);
  });
});
