/** A rule whose findings carry fixes says so: `meta.fixable`, "Fixable: yes" on its page, `spec rules` lists it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules, packageRoot, ruleInfos } from '../../src/rules/index.js';

describe('fixable rules', () => {
  for (const rule of allRules) {
    it(`${rule.meta.id}: the page says whether it is fixable`, () => {
      const doc = readFileSync(join(packageRoot, 'docs', 'rules', `${rule.meta.id}.md`), 'utf8');
      expect(/^Fixable: yes\b/m.test(doc), `docs/rules/${rule.meta.id}.md`).toBe(rule.meta.fixable === true);
    });
  }
  it('ruleInfos carries the flag for the formatters and `spec rules`', () => {
    const fixable = ruleInfos().filter((r) => r.fixable).map((r) => r.id);
    for (const id of ['trace/mapping-consistent', 'task/id-sequence', 'goose/status-check']) expect(fixable).toContain(id);
  });
});
