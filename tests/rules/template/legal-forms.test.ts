/**
 * Every unusual but legal form (CRLF, a BOM, blockquote tasks, spaced headings, escaped pipes, `None — reason`
 * sections, front matter, PRDs written as tables or lists) against every template/… and trace/… rule at once:
 * none of them may report anything.
 */
import { describe, expect, it } from 'vitest';
import { lintCase } from '../../helpers/rule-tester.js';
import { rules as templateRules } from '../../../src/rules/template/index.js';
import { rules as traceRules } from '../../../src/rules/trace/index.js';
import { legalForms } from './legal-forms.js';

describe('legal forms pass every template/… and trace/… rule', () => {
  for (const c of legalForms()) {
    it(c.name, async () => {
      const messages = await lintCase([...templateRules, ...traceRules], c);
      expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([]);
    });
  }
});
