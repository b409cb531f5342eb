/**
 * goose's own migrations (tests/fixtures/goose-conformance, MIT) raise no goose/… diagnostic when placed in a
 * spec's migration block, with every static goose rule on; the empty migration (no Down) is an error.
 */
import { describe, expect, it } from 'vitest';
import { lintCase } from '../../helpers/rule-tester.js';
import { rules as gooseRules } from '../../../src/rules/goose/index.js';
import { conformance, withSql } from './helpers.js';

const staticRules = gooseRules.filter((r) => r.meta.id !== 'goose/exec');

describe('goose conformance migrations in a spec', () => {
  const clean = [
    ['postgres', '00001_table.sql'],
    ['postgres', '00003_alter.sql'],
    ['postgres', '00005_no_tx.sql'],
    ['postgres', '00006_complex.sql'],
    ['sql-migrations', '00001_create_users_table.sql'],
    ['sql-migrations', '00002_rename_root.sql'],
    ['sql-migrations', '00003_no_transaction.sql'],
  ];
  for (const [dir, file] of clean) {
    it(`${dir}/${file} raises no goose diagnostic`, async () => {
      const messages = await lintCase(staticRules, { name: file, spec: withSql(conformance(dir, file)) });
      expect(messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
    });
  }

  it('postgres/00004_empty.sql is an error: no Down', async () => {
    const messages = await lintCase(staticRules, { name: '00004', spec: withSql(conformance('postgres', '00004_empty.sql')) });
    expect(messages.filter((m) => m.severity === 'error').map((m) => m.ruleId)).toContain('goose/annotations');
    expect(messages.some((m) => /no '-- \+goose Down' section/.test(m.message))).toBe(true);
  });
});
