/**
 * The docs cannot drift from behaviour: for the rules whose examples are migration blocks, the "Example"
 * block fails the rule and the "Use instead" block passes it, placed in the lint-clean example spec.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCase } from '../../helpers/rule-tester.js';
import { rules } from '../../../src/rules/goose/index.js';
import { withSql } from './helpers.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'rules', 'goose');

function sqlBlock(page: string, section: string): string {
  const start = page.indexOf(`## ${section}`);
  const rest = page.slice(start);
  const m = /```sql\n([\s\S]*?)```/.exec(rest);
  if (!m) throw new Error(`no sql block under ${section}`);
  return m[1];
}

describe('goose rule docs', () => {
  for (const id of ['annotations', 'sql-syntax', 'down-reverses-up', 'down-extra', 'schema-reference', 'no-transaction', 'backward-compatible', 'lock-safety']) {
    const rule = rules.find((r) => r.meta.id === `goose/${id}`)!;
    const page = readFileSync(join(docs, `${id}.md`), 'utf8');
    it(`${id}: the example fails, "use instead" passes`, async () => {
      const bad = await lintCase([rule], { name: 'example', spec: withSql(sqlBlock(page, 'Example')) });
      expect(bad.filter((m) => m.ruleId === rule.meta.id).length).toBeGreaterThan(0);
      const good = await lintCase([rule], { name: 'use instead', spec: withSql(sqlBlock(page, 'Use instead')) });
      expect(good.map((m) => `${m.line}: ${m.message}`)).toEqual([]);
    });
  }
  it('every rule has a page', () => {
    for (const r of rules) expect(() => readFileSync(join(docs, `${r.meta.id.slice('goose/'.length)}.md`), 'utf8')).not.toThrow();
  });
});
