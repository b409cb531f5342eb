/**
 * goose's own migrations (tests/fixtures/goose-conformance, MIT) raise no goose/… diagnostic when placed in a
 * spec's migration block, with every static goose rule on; the empty migration (no Down) is an error. The
 * files before it in goose's directory are the repository's migrations (00003 alters the table 00001
 * creates), and the spec's data model describes no table (the example's describes `invites`).
 */
import { describe, expect, it } from 'vitest';
import { lintCase } from '../../helpers/rule-tester.js';
import { rules as gooseRules } from '../../../src/rules/goose/index.js';
import { conformance, withoutDataModel, withSql } from './helpers.js';

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
      const earlier = clean.filter(([d, f]) => d === dir && f < file);
      const files = Object.fromEntries(earlier.map(([d, f]) => [`migrations/${f}`, conformance(d, f)]));
      const messages = await lintCase(staticRules, { name: file, spec: withSql(conformance(dir, file), withoutDataModel()), files });
      expect(messages.map((m) => `${m.line}: ${m.ruleId}: ${m.message}`)).toEqual([]);
    });
  }

  it('postgres/00004_empty.sql is an error: no Down', async () => {
    const messages = await lintCase(staticRules, { name: '00004', spec: withSql(conformance('postgres', '00004_empty.sql')) });
    expect(messages.filter((m) => m.severity === 'error').map((m) => m.ruleId)).toContain('goose/annotations');
    expect(messages.some((m) => /no '-- \+goose Down' section/.test(m.message))).toBe(true);
  });
});
